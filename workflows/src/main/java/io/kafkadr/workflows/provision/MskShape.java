package io.kafkadr.workflows.provision;

import java.util.ArrayList;
import java.util.List;

/**
 * What must be the same on both MSK clusters of a pair, as DescribeClusterV2 reports it: MM2 and
 * the clients move between them with the same settings.
 */
public record MskShape(int brokerCount, String instanceType, String kafkaVersion, String clientBroker,
                       boolean inCluster, boolean scram, boolean iam, boolean unauthenticated) {

    /** The shape {@code spec} asks for. */
    public static MskShape of(MskSpec spec) {
        return new MskShape(spec.brokerCount(), spec.instanceType(), spec.kafkaVersion(), "TLS", true, true, spec.iam(),
                false);
    }

    /** Every difference between two clusters' shapes, in words ({@code this} = {@code aName}'s); empty when they match. */
    public List<String> differences(String aName, MskShape other, String bName) {
        List<String> d = new ArrayList<>();
        differ(d, "broker count", brokerCount, other.brokerCount, aName, bName);
        differ(d, "instance type", instanceType, other.instanceType, aName, bName);
        differ(d, "Kafka version", kafkaVersion, other.kafkaVersion, aName, bName);
        differ(d, "client-broker encryption", clientBroker, other.clientBroker, aName, bName);
        differ(d, "in-cluster encryption", inCluster, other.inCluster, aName, bName);
        differ(d, "SASL/SCRAM", scram, other.scram, aName, bName);
        differ(d, "IAM authentication", iam, other.iam, aName, bName);
        differ(d, "unauthenticated access", unauthenticated, other.unauthenticated, aName, bName);
        return d;
    }

    private static void differ(List<String> d, String what, Object a, Object b, String aName, String bName) {
        if (a == null ? b != null : !a.equals(b)) {
            d.add(what + ": " + aName + " " + a + ", " + bName + " " + b);
        }
    }
}
