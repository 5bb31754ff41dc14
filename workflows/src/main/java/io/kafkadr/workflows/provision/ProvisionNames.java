package io.kafkadr.workflows.provision;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How everything provisioned for a pair is named and tagged: the one place that knows, so that a
 * re-run finds what an earlier run made and teardown deletes only that. Every resource carries both
 * ownership tags; teardown deletes nothing that lacks either.
 */
public final class ProvisionNames {

    /** Ownership tag: the pair a resource was provisioned for. */
    public static final String PAIR_TAG = "kafka-dr:pair";
    /** Ownership tag: {@value #MANAGED_VALUE} on everything kafka-dr created (and only there). */
    public static final String MANAGED_TAG = "kafka-dr:managed";
    public static final String MANAGED_VALUE = "true";
    /** The tag every resource's name is in (the EC2 console's Name column). */
    public static final String NAME_TAG = "Name";

    /** MSK's SASL/SCRAM listener (TLS), IAM listener (TLS) and Connect's REST port. */
    public static final int KAFKA_SCRAM_PORT = 9096;
    public static final int KAFKA_IAM_PORT = 9098;
    public static final int CONNECT_PORT = 8083;

    /** The environment-variable prefix the Connect tasks get their SCRAM credentials under (pair config: {@code env:KAFKADR_SCRAM}). */
    public static final String CONNECT_SECRET_ENV = "KAFKADR_SCRAM";
    /** Amazon MSK associates only secrets whose name starts with this. */
    public static final String MSK_SECRET_PREFIX = "AmazonMSK_";

    private final String pair;

    public ProvisionNames(String pair) {
        this.pair = pair;
    }

    public String pair() {
        return pair;
    }

    /** The name of the side's resources: VPC, security group, MSK cluster ({@code <pair>-<alias>}). */
    public String of(RegionSpec side) {
        return pair + "-" + side.alias();
    }

    public String vpc(RegionSpec side) {
        return "kafka-dr-" + of(side);
    }

    public String subnet(RegionSpec side, String zone) {
        return vpc(side) + "-" + zone;
    }

    public String securityGroup(RegionSpec side) {
        return "kafka-dr-" + of(side);
    }

    public String mskCluster(RegionSpec side) {
        return of(side);
    }

    /** The SCRAM secret (MSK requires the {@value #MSK_SECRET_PREFIX} prefix). */
    public String secret(RegionSpec side) {
        return MSK_SECRET_PREFIX + of(side);
    }

    /** The customer-managed KMS key's alias (one key per region, encrypting that region's secret). */
    public String keyAlias() {
        return "alias/kafka-dr/" + pair;
    }

    public String peering() {
        return "kafka-dr-" + pair;
    }

    public String ecsCluster(RegionSpec side) {
        return "kafka-dr-" + of(side);
    }

    public String connectService() {
        return "connect";
    }

    public String taskFamily(RegionSpec side) {
        return "kafka-dr-" + of(side) + "-connect";
    }

    /** Connect's group.id (its workers' distributed group) next to {@code side}'s cluster. */
    public String connectGroup(RegionSpec side) {
        return "kafka-dr-" + of(side) + "-connect";
    }

    /** The CloudWatch Logs group of the Connect tasks (the execution role may write there only). */
    public String logGroup() {
        return "/kafka-dr/" + pair + "/connect";
    }

    /** The ownership tags plus the spec's own tags and a Name. */
    public Map<String, String> tags(Map<String, String> extra, String name) {
        Map<String, String> tags = new LinkedHashMap<>(extra);
        tags.put(PAIR_TAG, pair);
        tags.put(MANAGED_TAG, MANAGED_VALUE);
        if (name != null) {
            tags.put(NAME_TAG, name);
        }
        return tags;
    }

    /** Whether {@code tags} prove the resource was provisioned for this pair by kafka-dr. */
    public boolean owns(Map<String, String> tags) {
        return pair.equals(tags.get(PAIR_TAG)) && MANAGED_VALUE.equals(tags.get(MANAGED_TAG));
    }
}
