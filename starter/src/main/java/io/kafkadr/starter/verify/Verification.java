package io.kafkadr.starter.verify;

import io.kafkadr.starter.temporal.Operations;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.verify.VerificationReport;
import io.kafkadr.workflows.verify.VerifyReplicationWorkflow;
import io.kafkadr.workflows.verify.VerifyRequest;

/** Runs {@link VerifyReplicationWorkflow} for a pair's normal direction. */
public final class Verification {

    private Verification() {
    }

    public static VerificationReport verify(Operations ops, PairConfig pair, long runMillis) {
        return ops.run(VerifyReplicationWorkflow.class.getSimpleName(), "verify/" + pair.name() + "/" + runMillis,
                new VerifyRequest(pair, null, null), VerificationReport.class, "verify");
    }
}
