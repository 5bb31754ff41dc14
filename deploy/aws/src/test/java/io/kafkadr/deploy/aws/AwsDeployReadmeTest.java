package io.kafkadr.deploy.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kafkadr.activities.aws.MotoServer;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's set-up block of "AWS deployment (deploy/aws)", run as written with the aws CLI
 * against moto (the CLI's {@code AWS_ENDPOINT_URL}): every policy passes moto's IAM policy validator
 * (syntax, condition operators, ARNs), the roles and the worker policy exist afterwards.
 */
class AwsDeployReadmeTest {

    static final String MARKER = "<!-- AwsDeployReadmeTest runs the next block -->";

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = new MotoServer();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @Test
    void theSetUpBlockRunsAndLeavesTheRolesAndTheWorkerPolicy() throws Exception {
        String block = block(Files.readString(DeployAws.repositoryRoot().resolve("README.md")));
        assertTrue(block.contains("aws iam create-policy --policy-name kafka-dr-worker"), block);

        DeployAws.Run run = DeployAws.run(List.of("bash", "-euo", "pipefail", "-c", block), awsEnv());
        assertEquals(0, run.exitCode(), "the README's deploy/aws set-up block failed on moto:\n" + run.output());

        JsonNode connectPolicy = aws("iam", "get-role-policy", "--role-name", "kafka-dr-connect-task-orders",
                "--policy-name", "msk-iam").path("PolicyDocument");
        assertEquals("kafka-cluster:Connect", connectPolicy.at("/Statement/0/Action/0").asText(), connectPolicy.toString());
        JsonNode executionRole = aws("iam", "get-role", "--role-name", "kafka-dr-ecs-execution-orders").path("Role");
        assertEquals("ecs-tasks.amazonaws.com",
                executionRole.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText(), executionRole.toString());
        List<String> policies = aws("iam", "list-policies", "--scope", "Local").findValuesAsText("PolicyName");
        assertEquals(List.of("kafka-dr-worker"), policies);
    }

    /** The bash block right after {@link #MARKER}. */
    static String block(String readme) {
        int marker = readme.indexOf(MARKER);
        assertTrue(marker >= 0, "README.md lost the marker " + MARKER);
        int start = readme.indexOf("```bash\n", marker);
        int end = readme.indexOf("\n```", start + 8);
        assertTrue(start > marker && end > start, "no ```bash block after " + MARKER);
        return readme.substring(start + 8, end + 1);
    }

    private static JsonNode aws(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--output", "json"));
        DeployAws.Run run = DeployAws.run(command, awsEnv());
        assertEquals(0, run.exitCode(), command + ": " + run.output());
        return DeployAws.JSON.readTree(run.output());
    }

    private static Map<String, String> awsEnv() {
        return Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_ACCESS_KEY_ID", "testing",
                "AWS_SECRET_ACCESS_KEY", "testing", "AWS_DEFAULT_REGION", "us-east-1",
                "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    }
}
