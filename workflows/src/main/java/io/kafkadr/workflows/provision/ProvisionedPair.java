package io.kafkadr.workflows.provision;

import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.SaslMechanism;
import io.kafkadr.workflows.pair.SecurityConfig;
import java.util.List;

/** The pair config of what was provisioned: both MSK clusters over SASL_SSL with SCRAM-SHA-512. */
public final class ProvisionedPair {

    /** What a provisioned side contributes: its SCRAM bootstrap brokers and the secret holding the credentials. */
    public record Cluster(String bootstrapServers, String secretArn) {

        /** Stands in for a side not provisioned yet, to check the rest of the pair config up front. */
        static Cluster placeholder() {
            return new Cluster("b-1.placeholder.kafka.invalid:9096", "arn:aws:secretsmanager:placeholder");
        }
    }

    private ProvisionedPair() {
    }

    public static PairConfig of(AwsProvisionSpec spec, Cluster primary, Cluster secondary) {
        PairSettings s = spec.pair();
        return new PairConfig(spec.name(), spec.primary().alias(), spec.secondary().alias(),
                List.of(cluster(spec.primary(), primary), cluster(spec.secondary(), secondary)),
                s.topics(), s.consumerGroups(), s.producers(), s.replication(), s.thresholds(),
                Boolean.TRUE.equals(s.failoverRequiresApproval()), s.failover());
    }

    private static ClusterConfig cluster(RegionSpec side, Cluster cluster) {
        // MSK's broker certificates chain to Amazon's public CAs: the JVM's trust store suffices (tls absent)
        SecurityConfig security = new SecurityConfig("SASL_SSL", SaslMechanism.SCRAM_SHA_512.kafkaName(),
                "aws-secretsmanager:" + cluster.secretArn(), "env:" + ProvisionNames.CONNECT_SECRET_ENV, null, null);
        return new ClusterConfig(side.alias(), cluster.bootstrapServers(), side.region(), side.connectUrl(), security);
    }
}
