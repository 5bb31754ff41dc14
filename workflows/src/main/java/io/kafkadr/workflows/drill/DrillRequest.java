package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.common.WorkflowInput;
import io.kafkadr.workflows.pair.PairConfig;
import java.util.List;

/**
 * Input of {@link DrillWorkflow}.
 *
 * @param pair            the pair inline, or
 * @param pairFile        a pair file on the worker's host
 * @param reason          why, for the audit trail (passed on to the failover and the failback)
 * @param replicate       {@code auto} (default): set up replication primary -> secondary first
 *                        when the pair entity records none; {@code always}: set it up again
 *                        anyway (idempotent); {@code never}: the drill starts with the verification
 * @param requireApproval whether the failover and the failback wait for an approval; null means
 *                        the pair's {@code failoverRequiresApproval}
 */
@WorkflowInput
public record DrillRequest(PairConfig pair, String pairFile, String reason, String replicate, Boolean requireApproval) {

    public static final String REPLICATE_AUTO = "auto";
    public static final String REPLICATE_ALWAYS = "always";
    public static final String REPLICATE_NEVER = "never";
    static final List<String> REPLICATE_CHOICES = List.of(REPLICATE_AUTO, REPLICATE_ALWAYS, REPLICATE_NEVER);

    /** {@code replicate} as given, or its default. */
    public String replicateOrDefault() {
        return replicate == null ? REPLICATE_AUTO : replicate;
    }
}
