package io.kafkadr.activities.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.provision.MskShape;
import io.kafkadr.workflows.provision.MskSpec;
import io.kafkadr.workflows.provision.MskStatus;
import io.kafkadr.workflows.provision.ProvisionNames;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pair's MSK clusters in one region, through {@link MskApi}: found by exact name (MSK names
 * are unique in a region; CreateClusterV2 takes no client token) and ownership tags.
 */
public final class MskClusters {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MskApi api;
    private final String region;
    private final ProvisionNames names;
    private final Map<String, String> extraTags;

    public MskClusters(MskApi api, String region, ProvisionNames names, Map<String, String> extraTags) {
        this.api = api;
        this.region = region;
        this.names = names;
        this.extraTags = extraTags;
    }

    /** The live (not DELETING) cluster named {@code name}; a clear error when it is not kafka-dr's. */
    public Optional<JsonNode> find(String name) {
        Optional<JsonNode> found = api.listClustersV2(region, name).stream()
                .filter(c -> name.equals(c.path("clusterName").asText()) && !"DELETING".equals(c.path("state").asText()))
                .findFirst();
        found.ifPresent(c -> {
            if (!names.owns(tags(c))) {
                throw ApplicationFailure.newNonRetryableFailure("an MSK cluster named " + name + " exists in " + region
                        + " (" + c.path("clusterArn").asText() + ") without the ownership tags of pair " + names.pair()
                        + ": kafka-dr neither reuses nor deletes it; rename the pair (name) or remove that cluster",
                        ActivityFailures.BAD_INPUT);
            }
        });
        return found;
    }

    /** Whether a cluster named {@code name} still exists (in any state). */
    public Optional<JsonNode> anyNamed(String name) {
        return api.listClustersV2(region, name).stream().filter(c -> name.equals(c.path("clusterName").asText()))
                .findFirst();
    }

    public String create(String name, MskSpec spec, List<String> subnets, String securityGroup, String keyArn) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("clusterName", name);
        ObjectNode tags = body.putObject("tags");
        names.tags(extraTags, name).forEach(tags::put);
        ObjectNode p = body.putObject("provisioned");
        ObjectNode nodes = p.putObject("brokerNodeGroupInfo");
        nodes.put("instanceType", spec.instanceType());
        subnets.forEach(nodes.putArray("clientSubnets")::add);
        nodes.putArray("securityGroups").add(securityGroup);
        nodes.putObject("storageInfo").putObject("ebsStorageInfo").put("volumeSize", spec.volumeGb());
        p.put("kafkaVersion", spec.kafkaVersion());
        p.put("numberOfBrokerNodes", spec.brokerCount());
        ObjectNode auth = p.putObject("clientAuthentication");
        ObjectNode sasl = auth.putObject("sasl");
        sasl.putObject("scram").put("enabled", true);
        sasl.putObject("iam").put("enabled", spec.iam());
        auth.putObject("unauthenticated").put("enabled", false);
        ObjectNode encryption = p.putObject("encryptionInfo");
        encryption.putObject("encryptionAtRest").put("dataVolumeKMSKeyId", keyArn);
        ObjectNode transit = encryption.putObject("encryptionInTransit");
        transit.put("clientBroker", "TLS");
        transit.put("inCluster", true);
        return api.createClusterV2(region, body);
    }

    public MskStatus describe(String arn) {
        JsonNode info = api.describeClusterV2(region, arn).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "MSK cluster " + arn + " does not exist (any more) in " + region + ": run the provisioning again",
                ActivityFailures.BAD_INPUT));
        return new MskStatus(arn, info.path("state").asText(), shape(info.path("provisioned")));
    }

    /** The cluster's shape as DescribeClusterV2 reports it. */
    static MskShape shape(JsonNode p) {
        JsonNode sasl = p.path("clientAuthentication").path("sasl");
        JsonNode transit = p.path("encryptionInfo").path("encryptionInTransit");
        return new MskShape(p.path("numberOfBrokerNodes").asInt(), p.path("brokerNodeGroupInfo").path("instanceType")
                .asText(null), p.path("currentBrokerSoftwareInfo").path("kafkaVersion").asText(null),
                transit.path("clientBroker").asText(null), transit.path("inCluster").asBoolean(false),
                sasl.path("scram").path("enabled").asBoolean(false), sasl.path("iam").path("enabled").asBoolean(false),
                p.path("clientAuthentication").path("unauthenticated").path("enabled").asBoolean(false));
    }

    /** Associates the secret unless it is already; a non-retryable failure naming MSK's reason when MSK refuses it. */
    public boolean associate(String arn, String secretArn) {
        if (api.scramSecrets(region, arn).contains(secretArn)) {
            return false;
        }
        List<String> refused = api.associateScramSecrets(region, arn, List.of(secretArn));
        if (!refused.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("MSK did not associate the SCRAM secret with " + arn + ": "
                    + String.join("; ", refused) + " (the secret's name must start with AmazonMSK_ and it must be "
                    + "encrypted with a customer-managed KMS key)", ActivityFailures.BAD_INPUT);
        }
        return true;
    }

    /** The SASL/SCRAM bootstrap brokers (TLS, port 9096); retried while MSK has none yet. */
    public String scramBrokers(String arn) {
        String brokers = api.bootstrapBrokers(region, arn).path("bootstrapBrokerStringSaslScram").asText("");
        if (brokers.isEmpty()) {
            throw ApplicationFailure.newFailure("MSK cluster " + arn + " reports no SASL/SCRAM bootstrap brokers yet; retried",
                    ActivityFailures.NOT_READY);
        }
        return brokers;
    }

    public boolean delete(String arn) {
        return api.deleteCluster(region, arn);
    }

    private static Map<String, String> tags(JsonNode cluster) {
        Map<String, String> tags = new HashMap<>();
        cluster.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }
}
