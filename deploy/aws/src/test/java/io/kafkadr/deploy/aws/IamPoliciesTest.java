package io.kafkadr.deploy.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/aws/iam: every policy filled with render.sh, then held to least privilege: known actions
 * only, no wildcard action, {@code Resource: "*"} only for actions AWS gives no resource-level
 * permission, mutations conditioned on the ownership tags, iam:PassRole only on the Connect roles
 * and only to ECS tasks, and the worker's policy covering every action of the provisioning contract.
 */
class IamPoliciesTest {

    static final String ACCOUNT = "123456789012";

    /** Sample values for every placeholder the IAM templates use. */
    static final Map<String, String> SAMPLE = Map.of("ACCOUNT_ID", ACCOUNT, "PAIR", "orders",
            "PRIMARY_REGION", "us-east-1", "SECONDARY_REGION", "us-west-2",
            "PRIMARY_CLUSTER", "kafka-dr-orders-primary", "SECONDARY_CLUSTER", "kafka-dr-orders-secondary",
            "ECR_REPOSITORY", "kafka-dr-connect");

    /** The actions the provisioning code and the ecs binding may call (issue 19's contract): the worker's. */
    static final Set<String> CONTRACT = actions(
            "ec2", "DescribeVpcs CreateVpc ModifyVpcAttribute DeleteVpc DescribeSubnets CreateSubnet DeleteSubnet "
                    + "DescribeAvailabilityZones DescribeSecurityGroups CreateSecurityGroup DeleteSecurityGroup "
                    + "AuthorizeSecurityGroupIngress RevokeSecurityGroupIngress CreateTags DescribeTags "
                    + "DescribeVpcPeeringConnections CreateVpcPeeringConnection AcceptVpcPeeringConnection "
                    + "ModifyVpcPeeringConnectionOptions DeleteVpcPeeringConnection DescribeRouteTables CreateRoute DeleteRoute",
            "kms", "CreateKey DescribeKey ListAliases CreateAlias DeleteAlias TagResource ListResourceTags ScheduleKeyDeletion",
            "secretsmanager", "CreateSecret DescribeSecret ListSecrets TagResource DeleteSecret PutResourcePolicy GetSecretValue",
            "kafka", "CreateClusterV2 DescribeClusterV2 ListClustersV2 GetBootstrapBrokers BatchAssociateScramSecret "
                    + "ListScramSecrets DeleteCluster TagResource ListTagsForResource",
            "ecs", "CreateCluster DescribeClusters DeleteCluster RegisterTaskDefinition DescribeTaskDefinition "
                    + "DeregisterTaskDefinition ListTaskDefinitions CreateService UpdateService DescribeServices DeleteService "
                    + "TagResource ListTagsForResource "
                    // outside the agreed list: teardown lists a cluster's services before deleting the cluster
                    + "ListServices",
            "iam", "PassRole");

    /** Every action a deploy/aws policy may grant: the contract and what the Connect tasks need. */
    static final Set<String> ALLOWED = union(CONTRACT,
            // the worker: a secret under a customer-managed key is written and read through that key
            actions("kms", "GenerateDataKey Decrypt"),
            // the Connect tasks' role (MSK IAM), idempotent producers need WriteDataIdempotently
            actions("kafka-cluster", "Connect DescribeCluster WriteDataIdempotently DescribeTopic CreateTopic ReadData "
                    + "WriteData AlterGroup DescribeGroup DescribeTopicDynamicConfiguration AlterTopicDynamicConfiguration"),
            // the ECS task execution role: logs, image pull
            actions("logs", "CreateLogGroup CreateLogStream PutLogEvents"),
            actions("ecr", "GetAuthorizationToken BatchCheckLayerAvailability GetDownloadUrlForLayer BatchGetImage"),
            actions("sts", "AssumeRole"));

    /** Actions AWS gives no resource-level permission (or no resource before the call): only these get "*". */
    static final Set<String> STAR_RESOURCE_ONLY = union(
            actions("ec2", "DescribeVpcs DescribeSubnets DescribeAvailabilityZones DescribeSecurityGroups DescribeTags "
                    + "DescribeVpcPeeringConnections DescribeRouteTables"),
            actions("kms", "CreateKey ListAliases"),
            actions("secretsmanager", "ListSecrets"),
            actions("kafka", "CreateClusterV2 ListClustersV2"),
            actions("ecs", "CreateCluster RegisterTaskDefinition DescribeTaskDefinition DeregisterTaskDefinition ListTaskDefinitions "
                    // no resource type: scoped by the ecs:cluster condition key instead
                    + "ListServices"),
            actions("ecr", "GetAuthorizationToken"));

    /**
     * The worker's changes that carry no tag condition, and why: the accepter side of a peering and
     * the routes live in VPCs and route tables kafka-dr may not own (existing VPCs are inputs); an
     * alias resource takes no tags (the key it points at must carry them); task definitions have no
     * resource-level permission and the ecs binding registers applications' revisions.
     */
    static final Set<String> UNTAGGED_CHANGES = union(
            actions("ec2", "AcceptVpcPeeringConnection ModifyVpcPeeringConnectionOptions CreateRoute DeleteRoute"),
            actions("kms", "CreateAlias DeleteAlias"),
            actions("ecs", "RegisterTaskDefinition DeregisterTaskDefinition"));

    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Z][A-Za-z0-9]+");
    private static final Pattern CHANGE = Pattern.compile(
            ".*:(Create|Delete|Modify|Authorize|Revoke|Accept|Tag|Schedule|Put|Update|Batch|Register|Deregister).*");

    @Test
    void everyPolicyIsValidLeastPrivilegeJson() throws Exception {
        List<String> policies = DeployAws.files("iam", ".json");
        assertEquals(List.of("iam/connect-task-role.json", "iam/ecs-execution-role.json", "iam/ecs-tasks-trust.json",
                "iam/worker-policy.json"), policies);
        List<String> problems = new ArrayList<>();
        for (String policy : policies) {
            problems.addAll(problems(policy, fill(policy)));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theWorkerPolicyCoversEveryActionOfTheContract() throws Exception {
        Set<String> granted = new TreeSet<>();
        statements(fill("iam/worker-policy.json")).forEach(s -> granted.addAll(texts(s.get("Action"))));
        Set<String> missing = new TreeSet<>(CONTRACT);
        missing.removeAll(granted);
        assertTrue(missing.isEmpty(), "the worker policy lacks " + missing);
    }

    @Test
    void passRoleOnlyOnTheConnectRolesAndOnlyToEcsTasks() throws Exception {
        List<JsonNode> passRole = statements(fill("iam/worker-policy.json")).stream()
                .filter(s -> texts(s.get("Action")).contains("iam:PassRole")).toList();
        assertEquals(1, passRole.size(), "one statement passes roles");
        JsonNode s = passRole.get(0);
        assertEquals(List.of("iam:PassRole"), texts(s.get("Action")), "iam:PassRole shares its statement with nothing");
        assertEquals(List.of("arn:aws:iam::" + ACCOUNT + ":role/kafka-dr-connect-task*",
                "arn:aws:iam::" + ACCOUNT + ":role/kafka-dr-ecs-execution*"), texts(s.get("Resource")));
        assertEquals("ecs-tasks.amazonaws.com", s.at("/Condition/StringEquals/iam:PassedToService").asText());
    }

    @Test
    void theTaskRolesTrustOnlyEcsTasksOfTheAccount() throws Exception {
        JsonNode trust = statements(fill("iam/ecs-tasks-trust.json")).get(0);
        assertEquals("ecs-tasks.amazonaws.com", trust.at("/Principal/Service").asText());
        assertEquals(List.of("sts:AssumeRole"), texts(trust.get("Action")));
        assertEquals(ACCOUNT, trust.at("/Condition/StringEquals/aws:SourceAccount").asText());
    }

    /** Fills every placeholder of {@code policy} from {@link #SAMPLE}, with render.sh. */
    static JsonNode fill(String policy) throws Exception {
        return DeployAws.JSON.readTree(DeployAws.fill(policy, SAMPLE));
    }

    /** What makes {@code policy} more than least privilege, one line each. */
    static List<String> problems(String name, JsonNode policy) {
        List<String> problems = new ArrayList<>();
        if (!"2012-10-17".equals(policy.path("Version").asText())) {
            problems.add(name + ": Version is not 2012-10-17");
        }
        boolean trust = name.endsWith("-trust.json");
        for (JsonNode s : statements(policy)) {
            String where = name + " " + s.path("Sid").asText("(no Sid)") + ": ";
            if (!"Allow".equals(s.path("Effect").asText())) {
                problems.add(where + "Effect is not Allow");
            }
            if (s.has("NotAction") || s.has("NotResource")) {
                problems.add(where + "NotAction/NotResource grant everything else");
            }
            List<String> actions = texts(s.get("Action"));
            if (actions.isEmpty()) {
                problems.add(where + "no Action");
            }
            for (String action : actions) {
                if (!ACTION.matcher(action).matches()) {
                    problems.add(where + "'" + action + "' is not one service:Action (no wildcards)");
                } else if (!ALLOWED.contains(action)) {
                    problems.add(where + action + " is not an action kafka-dr needs");
                }
            }
            if (trust) {
                continue;
            }
            List<String> resources = texts(s.get("Resource"));
            if (resources.isEmpty()) {
                problems.add(where + "no Resource");
            }
            if (resources.contains("*")) {
                List<String> scopable = actions.stream().filter(a -> !STAR_RESOURCE_ONLY.contains(a)).toList();
                if (!scopable.isEmpty() || resources.size() > 1) {
                    problems.add(where + "Resource \"*\" for " + scopable + ", which take resource ARNs");
                }
            }
            resources.stream().filter(r -> !r.equals("*") && !r.matches("arn:aws:[a-z0-9-]+:[a-z0-9*-]*:" + ACCOUNT + ":.+"))
                    .forEach(r -> problems.add(where + "resource " + r + " is not an ARN of the account"));
            boolean conditioned = s.has("Condition");
            if (name.equals("iam/worker-policy.json") && !conditioned) {
                actions.stream().filter(a -> CHANGE.matcher(a).matches() && !UNTAGGED_CHANGES.contains(a))
                        .forEach(a -> problems.add(where + a + " changes resources without a tag condition"));
            }
        }
        return problems;
    }

    static List<JsonNode> statements(JsonNode policy) {
        List<JsonNode> statements = new ArrayList<>();
        policy.path("Statement").forEach(statements::add);
        return statements;
    }

    /** A policy field that is one string or a list of strings. */
    static List<String> texts(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> texts = new ArrayList<>();
        node.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Set<String> actions(String service, String names) {
        return Stream.of(names.trim().split("\\s+")).map(n -> service + ":" + n).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> actions(String... serviceAndNames) {
        Set<String> all = new TreeSet<>();
        for (int i = 0; i < serviceAndNames.length; i += 2) {
            all.addAll(actions(serviceAndNames[i], serviceAndNames[i + 1]));
        }
        return all;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }
}
