package io.kafkadr.starter.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.starter.Drctl;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.provision.AwsProvisionSpec;
import io.kafkadr.workflows.provision.ProvisionSpecs;
import io.kafkadr.workflows.provision.ProvisionedPair;
import io.kafkadr.workflows.provision.ProvisionedResource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drctl provision and teardown refuse a bad spec or endpoint before any workflow starts (Temporal is
 * given as an address nothing listens on: reaching it would be another error), naming the key, exit
 * code 2; what they print of a result reads back as a pair file.
 */
class ProvisionCommandTest {

    private static final Path EXAMPLE = Path.of("..", "pairs", "aws-example.yaml");

    @TempDir
    Path dir;

    @Test
    void aBadSpecIsRefusedBeforeAnythingStartsNamingTheKey() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(EXAMPLE).replace("brokerCount: 3", "brokerCount: 4")
                .replace("  cpu: 1024", "  cpu: 1000\n  tasksMax: 3"));
        String err = refused("provision", "--pair", bad.toString(), "--temporal", "127.0.0.1:1");
        assertTrue(err.contains("tasksMax"), "the unknown key is named: " + err);

        Files.writeString(bad, Files.readString(EXAMPLE).replace("brokerCount: 3", "brokerCount: 4"));
        err = refused("teardown", "--pair", bad.toString(), "--temporal", "127.0.0.1:1");
        assertTrue(err.contains("msk.brokerCount: 4 is not a multiple of the 3 availability zones of primary"), err);
        assertFalse(err.contains("Temporal"), "nothing reached for: " + err);

        err = refused("provision", "--pair", dir.resolve("missing.yaml").toString(), "--plan", "--temporal", "127.0.0.1:1");
        assertTrue(err.contains("missing.yaml") && err.contains("file not found"), err);
    }

    @Test
    void aBadEndpointIsRefusedBeforeAnythingStarts() {
        String err = refused("provision", "--pair", EXAMPLE.toString(), "--endpoint-url", "127.0.0.1:5000",
                "--temporal", "127.0.0.1:1");
        assertTrue(err.contains("--endpoint-url: not an http(s) URL with a host (got '127.0.0.1:5000'"), err);
    }

    @Test
    void thePrintedPairConfigIsAPairFileAndTheTableHasEveryResource() {
        AwsProvisionSpec spec = ProvisionSpecs.parseFile(EXAMPLE);
        PairConfig pair = ProvisionedPair.of(spec,
                new ProvisionedPair.Cluster("b-1.a.kafka.us-east-1.amazonaws.com:9096", "arn:aws:secretsmanager:us-east-1:1:secret:AmazonMSK_a"),
                new ProvisionedPair.Cluster("b-1.b.kafka.us-west-2.amazonaws.com:9096", "arn:aws:secretsmanager:us-west-2:1:secret:AmazonMSK_b"));
        assertEquals(pair, PairConfigParser.parse(ProvisionCommand.yaml(pair), "printed"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResourceTable.print(new PrintStream(out, true, StandardCharsets.UTF_8), List.of(
                new ProvisionedResource("msk-cluster", "arn:aws:kafka:us-east-1:1:cluster/a/1", "us-east-1", "reused"),
                new ProvisionedResource("vpc", "vpc-1", "us-west-2", "would-create")));
        assertEquals("""
                KIND         REGION     ACTION        ID
                msk-cluster  us-east-1  reused        arn:aws:kafka:us-east-1:1:cluster/a/1
                vpc          us-west-2  would-create  vpc-1
                1 reused, 1 would-create
                """, out.toString(StandardCharsets.UTF_8));
    }

    private static String refused(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Drctl.execute(args);
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        return text;
    }
}
