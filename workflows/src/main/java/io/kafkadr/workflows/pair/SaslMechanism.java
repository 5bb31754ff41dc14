package io.kafkadr.workflows.pair;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The SASL mechanisms kafka-dr speaks, by their Kafka {@code sasl.mechanism} names. Each says
 * whether it needs a secret reference: username/password mechanisms do; {@code AWS_MSK_IAM}
 * signs with the AWS credentials of whoever connects (the worker's, each Connect worker's) and
 * takes none.
 */
public enum SaslMechanism {
    PLAIN("PLAIN", true),
    SCRAM_SHA_256("SCRAM-SHA-256", true),
    SCRAM_SHA_512("SCRAM-SHA-512", true),
    AWS_MSK_IAM("AWS_MSK_IAM", false);

    private final String kafkaName;
    private final boolean needsSecret;

    SaslMechanism(String kafkaName, boolean needsSecret) {
        this.kafkaName = kafkaName;
        this.needsSecret = needsSecret;
    }

    /** The name Kafka's {@code sasl.mechanism} takes. */
    public String kafkaName() {
        return kafkaName;
    }

    /** Whether the mechanism authenticates with a username and password from a secret reference. */
    public boolean needsSecret() {
        return needsSecret;
    }

    /** The mechanism of a pair config's {@code saslMechanism}, if it is one kafka-dr speaks. */
    public static Optional<SaslMechanism> of(String name) {
        return Arrays.stream(values()).filter(m -> m.kafkaName.equals(name)).findFirst();
    }

    /** The names a pair config may give. */
    public static List<String> names() {
        return Arrays.stream(values()).map(SaslMechanism::kafkaName).toList();
    }
}
