package io.kafkadr.workflows.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the input record of a workflow an operator may start by hand ({@code temporal workflow
 * start --input '...'}). The worker's {@link WorkflowInputConverter} reads such inputs strictly:
 * an unknown or mistyped field fails the run at once with a message naming it, instead of
 * leaving the run retrying its first workflow task forever (or silently dropping the field).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WorkflowInput {
}
