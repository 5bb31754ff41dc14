package io.kafkadr.workflows.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.pair.PairConfigException;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.kafkadr.workflows.pair.PairRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisionSpecsTest {

    private static final Path EXAMPLE = Path.of("..", "pairs", "aws-example.yaml");

    private static String example() throws Exception {
        return Files.readString(EXAMPLE);
    }

    private static List<String> problems(String text) {
        return assertThrows(PairConfigException.class, () -> ProvisionSpecs.parse(text, "spec")).problems();
    }

    @Test
    void theExampleIsValid() {
        AwsProvisionSpec spec = ProvisionSpecs.parseFile(EXAMPLE);
        assertEquals("aws-example", spec.name());
        assertEquals(3, spec.primary().zones());
        assertEquals("us-west-2", spec.secondary().region());
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() throws Exception {
        List<String> p = problems(example().replace("  volumeGb: 100", "  volumeGB: 100"));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("unknown key 'volumeGB' at msk.volumeGB (line "), p.get(0));
    }

    @Test
    void aWrongTypeIsNamed() throws Exception {
        List<String> p = problems(example().replace("brokerCount: 3", "brokerCount: \"3\""));
        assertTrue(p.get(0).contains("msk.brokerCount") && p.get(0).contains("expected a whole number"), p.toString());
    }

    @Test
    void overlappingCidrsMissingRegionAndBrokerCountAreEachReported() throws Exception {
        String text = example().replace("vpcCidr: 10.20.0.0/16", "vpcCidr: 10.10.128.0/17")
                .replace("subnetCidrs: [10.20.0.0/24, 10.20.1.0/24, 10.20.2.0/24]",
                        "subnetCidrs: [10.10.128.0/24, 10.10.129.0/24, 10.10.128.128/25]")
                .replace("  region: us-east-1\n", "")
                .replace("brokerCount: 3", "brokerCount: 4")
                .replace("volumeGb: 100", "volumeGb: -1")
                .replace("tasks: 2", "tasks: 1");
        List<String> p = problems(text);
        assertTrue(p.contains("primary.region: required, the AWS region (e.g. us-east-1)"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("secondary.vpcCidr: 10.10.128.0/17 overlaps primary.vpcCidr")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("secondary.subnetCidrs[2]: 10.10.128.128/25 overlaps "
                + "secondary.subnetCidrs[0]")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("msk.brokerCount: 4 is not a multiple of the 3 availability zones")
                && s.endsWith("(give 6)")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("msk.volumeGb:")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("connect.tasks: at least 2")), p.toString());
    }

    @Test
    void aSubnetOutsideItsVpcAndOneSubnetOnlyAreRefused() throws Exception {
        List<String> p = problems(example().replace("subnetCidrs: [10.10.0.0/24, 10.10.1.0/24, 10.10.2.0/24]",
                "subnetCidrs: [10.11.0.0/24]"));
        assertTrue(p.contains("primary.subnetCidrs: at least 2, one per availability zone (MSK spreads brokers over them)"),
                p.toString());
        assertTrue(p.contains("primary.subnetCidrs[0]: 10.11.0.0/24 is not inside vpcCidr 10.10.0.0/16"), p.toString());
    }

    @Test
    void clientBindingsAndOwnershipTagsMayNotComeInThroughTheSpec() throws Exception {
        List<String> p = problems(example().replace("    - group: orders-app", "    - group: orders-app\n      binding:\n"
                + "        type: process\n        commands:\n          stop: [\"true\"]\n          start: [\"true\"]")
                .replace("  team: streaming", "  team: streaming\n  kafka-dr:pair: other"));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("pair.consumerGroups[0].binding: bindings decide what the worker "
                + "runs and calls")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("tags.kafka-dr:pair:")), p.toString());
    }

    @Test
    void aPairsFolderSkipsTheSpecSilentlyAndRegisteringItSaysWhatItIs(@TempDir Path folder) throws Exception {
        Files.copy(EXAMPLE, folder.resolve("aws-example.yaml"));
        Files.copy(Path.of("..", "pairs", "local.yaml"), folder.resolve("local.yaml"));
        PairRegistry registry = new PairRegistry(List.of(folder));
        assertEquals(List.of("local"), registry.names());
        String refusal = registry.notServed("nope");
        assertTrue(!refusal.contains("aws-example") && !refusal.contains("cannot read"), refusal);
        PairConfigException e = assertThrows(PairConfigException.class,
                () -> PairConfigParser.parseFile(folder.resolve("aws-example.yaml")));
        assertTrue(e.getMessage().contains("this is an AWS provisioning spec (kind: aws-provision), not a pair: run "
                + "`drctl provision --pair"), e.getMessage());
    }

    @Test
    void theSecondaryMustMatchThePrimary() {
        MskShape primary = new MskShape(3, "kafka.m5.large", "3.6.0", "TLS", true, true, false, false);
        MskShape secondary = new MskShape(6, "kafka.m5.large", "3.5.1", "TLS", true, true, true, false);
        assertEquals(List.of("broker count: primary 3, secondary 6", "Kafka version: primary 3.6.0, secondary 3.5.1",
                "IAM authentication: primary false, secondary true"), primary.differences("primary", secondary, "secondary"));
        assertEquals(List.of(), primary.differences("primary", primary, "secondary"));
    }

    @Test
    void cidrBlocks() {
        Cidr vpc = Cidr.parse("10.10.0.0/16").orElseThrow();
        assertTrue(vpc.contains(Cidr.parse("10.10.255.0/24").orElseThrow()));
        assertTrue(!vpc.overlaps(Cidr.parse("10.11.0.0/16").orElseThrow()));
        assertTrue(Cidr.parse("10.10.0.0/33").isEmpty() && Cidr.parse("300.1.1.1/8").isEmpty());
    }
}
