package io.kafkadr.workflows.pair;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairConfigParserTest {

    /** A pair like pairs/local.yaml, without the optional replication and thresholds blocks. */
    private static final String VALID = """
            name: local
            primary: primary
            secondary: secondary
            clusters:
              - alias: primary
                bootstrapServers: 127.0.0.1:19092
                region: local-a
                connectUrl: http://127.0.0.1:8084
              - alias: secondary
                bootstrapServers: 127.0.0.1:29092
                region: local-b
                connectUrl: http://127.0.0.1:8083
            topics:
              names: [orders]
            consumerGroups:
              - group: orders-app
                binding: {type: process, settings: {app: consumer-orders-app}}
            producers:
              - name: p1
                binding: {type: process, settings: {app: producer-p1}}
            """;

    @Test
    void validPairParses() {
        PairConfig pair = PairConfigParser.parse(VALID, "test");

        assertAll(
                () -> assertEquals("local", pair.name()),
                () -> assertEquals("primary", pair.primaryCluster().alias()),
                () -> assertEquals("127.0.0.1:29092", pair.secondaryCluster().bootstrapServers()),
                () -> assertEquals("http://127.0.0.1:8083", pair.secondaryCluster().connectUrl()),
                () -> assertEquals(SecurityConfig.PLAINTEXT, pair.primaryCluster().securityOrPlaintext()),
                () -> assertEquals(List.of("orders"), pair.topics().names()),
                () -> assertFalse(pair.topics().hasRegex()),
                () -> assertEquals(List.of("orders-app"), pair.groupIds()),
                () -> assertEquals("consumer-orders-app", pair.consumerGroups().get(0).binding().settings().get("app")),
                () -> assertEquals("p1", pair.producers().get(0).name()),
                () -> assertFalse(pair.failoverRequiresApproval()));
    }

    @Test
    void groupsMayShareABindingButAProducerMayNot() {
        String shared = VALID.replace("""
                consumerGroups:
                  - group: orders-app
                    binding: {type: process, settings: {app: consumer-orders-app}}
                """, """
                consumerGroups:
                  - group: orders-app
                    binding: {type: process, settings: {app: consumer-orders-app}}
                  - group: billing-app
                    binding: {type: process, settings: {app: consumer-orders-app}}
                """);
        assertEquals(List.of("orders-app", "billing-app"), PairConfigParser.parse(shared, "test").groupIds());

        String producerToo = shared.replace("app: producer-p1", "app: consumer-orders-app");
        PairConfigException e = assertThrows(PairConfigException.class, () -> PairConfigParser.parse(producerToo, "test"));
        assertTrue(e.getMessage().contains("producers[0].binding: the same binding as consumerGroups[0] (orders-app)"),
                e.getMessage());
    }

    @Test
    void aGroupNamesItsTopicsAndWhereItStartsInPartitionsItNeverCommitted() {
        String group = "    binding: {type: process, settings: {app: consumer-orders-app}}\n";
        PairConfig absent = PairConfigParser.parse(VALID, "test");
        assertEquals(UncommittedStart.LATEST, absent.consumerGroups().get(0).uncommittedStart());
        assertEquals(List.of(), absent.consumerGroups().get(0).topics());

        PairConfig given = PairConfigParser.parse(VALID.replace(group, group
                + "    topics: [orders]\n    uncommitted: earliest\n"), "test");
        ConsumerGroupConfig g = given.consumerGroups().get(0);
        assertEquals(List.of("orders"), g.topics());
        assertEquals(UncommittedStart.EARLIEST, g.uncommittedStart());
        assertEquals(g.topics(), given.withoutBindings().consumerGroups().get(0).topics(), "kept without bindings");
        assertEquals(UncommittedStart.EARLIEST, given.withoutBindings().consumerGroups().get(0).uncommittedStart());

        PairConfigException notMirrored = assertThrows(PairConfigException.class, () -> PairConfigParser.parse(
                VALID.replace(group, group + "    topics: [payments]\n"), "test"));
        assertTrue(notMirrored.getMessage().contains("consumerGroups[0].topics: 'payments' is not one of the pair's topics"),
                notMirrored.getMessage());
        PairConfigException typo = assertThrows(PairConfigException.class, () -> PairConfigParser.parse(
                VALID.replace(group, group + "    uncommitted: newest\n"), "test"));
        assertTrue(typo.getMessage().contains("uncommitted") && typo.getMessage().contains("[latest, earliest]"),
                typo.getMessage());
    }

    @Test
    void withoutBindingsKeepsEveryClientsNameAndDropsHowToMoveIt() {
        PairConfig pair = PairConfigParser.parse(VALID + "objectives: {rtoSeconds: 60}\n", "test");
        PairConfig lean = pair.withoutBindings();

        assertEquals(pair.groupIds(), lean.groupIds());
        assertEquals(List.of("p1"), lean.producers().stream().map(ProducerConfig::name).toList());
        assertTrue(lean.consumerGroups().stream().allMatch(g -> g.binding() == null));
        assertTrue(lean.producers().stream().allMatch(p -> p.binding() == null));
        assertEquals(pair.withoutClients(), lean.withoutClients(), "everything else kept, objectives included");
        assertTrue(lean == lean.withoutBindings(), "nothing to drop: the same pair");
    }

    @Test
    void omittedReplicationAndThresholdsGetDefaults() {
        PairConfig pair = PairConfigParser.parse(VALID, "test");

        assertEquals(new ReplicationSettings("identity", 5, 5, 10, 10, 0), pair.replication());
        assertEquals(new Thresholds(0, 0, 30, 120, 120), pair.thresholds());
    }

    @Test
    void partialBlocksKeepGivenValuesAndDefaultTheRest() {
        PairConfig pair = PairConfigParser.parse(VALID + """
                replication: {policy: prefix, checkpointIntervalSeconds: 7}
                thresholds: {maxLagRecords: 50}
                """, "test");

        assertEquals(new ReplicationSettings("prefix", 7, 5, 10, 10, 0), pair.replication());
        assertEquals(new Thresholds(0, 50, 30, 120, 120), pair.thresholds());
    }

    @Test
    void maxTasksAbsentZeroAndGivenDiffer() {
        assertNull(PairConfigParser.parse(VALID, "test").replication().maxTasks());
        assertEquals(0, PairConfigParser.parse(VALID + "replication: {maxTasks: 0}\n", "test").replication().maxTasks());
        assertEquals(3, PairConfigParser.parse(VALID + "replication: {maxTasks: 3}\n", "test").replication().maxTasks());
    }

    @Test
    void producerSettingsAbsentMeanDefaultZeroIsKeptNegativeIsAnError() {
        ReplicationSettings absent = PairConfigParser.parse(VALID, "test").replication();
        assertNull(absent.producerBatchBytes());
        assertNull(absent.producerLingerMs());
        ReplicationSettings given = PairConfigParser.parse(VALID
                + "replication: {producerBatchBytes: 65536, producerLingerMs: 0}\n", "test").replication();
        assertEquals(65536, given.producerBatchBytes());
        assertEquals(0, given.producerLingerMs());
        String message = failure(VALID + "replication: {producerBatchBytes: -1, producerLingerMs: -5}\n");
        assertContains(message, "replication.producerBatchBytes: must be >= 0");
        assertContains(message, "replication.producerLingerMs: must be >= 0");
    }

    @Test
    void objectivesAreAbsentUnlessGivenAndMustNotBeNegative() {
        assertEquals(Objectives.none(), PairConfigParser.parse(VALID, "test").objectives());
        assertEquals(new Objectives(30, 0L),
                PairConfigParser.parse(VALID + "objectives: {rtoSeconds: 30, rpoRecords: 0}\n", "test").objectives());
        assertEquals(new Objectives(null, 5L),
                PairConfigParser.parse(VALID + "objectives: {rpoRecords: 5}\n", "test").objectives());

        assertEquals(new Objectives(null, null, 30),
                PairConfigParser.parse(VALID + "objectives: {rpoSeconds: 30}\n", "test").objectives());

        String message = failure(VALID + "objectives: {rtoSeconds: -1, rpoRecords: -2, rpoSeconds: -3}\n");
        assertContains(message, "objectives.rtoSeconds: must be >= 0");
        assertContains(message, "objectives.rpoRecords: must be >= 0");
        assertContains(message, "objectives.rpoSeconds: must be >= 0");
        assertContains(failure(VALID + "objectives: {rtoSecs: 30}\n"), "unknown key 'rtoSecs'");
    }

    @Test
    void negativeMaxTasksIsAnError() {
        assertContains(failure(VALID + "replication: {maxTasks: -1}\n"), "replication.maxTasks: must be >= 0");
    }

    @Test
    void topicRegexIsAccepted() {
        PairConfig pair = PairConfigParser.parse(variant("names: [orders]", "regex: 'orders\\..*'"), "test");

        assertEquals("orders\\..*", pair.topics().regex());
        assertTrue(pair.topics().names().isEmpty());
    }

    @Test
    void unknownKeyIsNamedWithTheKnownKeys() {
        String message = failure(VALID + "thresholds: {maxLagRecord: 5}\n");

        assertContains(message, "unknown key 'maxLagRecord'");
        assertContains(message, "at thresholds");
        assertContains(message, "maxLagRecords");
    }

    @Test
    void unknownTopLevelKeyIsNamed() {
        assertContains(failure(VALID + "failoverNeedsApproval: true\n"), "unknown key 'failoverNeedsApproval'");
    }

    @Test
    void primaryMustNameAKnownCluster() {
        assertContains(failure(variant("primary: primary\n", "primary: tertiary\n")),
                "primary: no cluster has alias 'tertiary'");
    }

    @Test
    void bootstrapWithoutPortIsRejected() {
        assertContains(failure(variant("127.0.0.1:19092", "localhost")),
                "clusters[0].bootstrapServers: 'localhost' is not host:port");
    }

    @Test
    void bootstrapWithOutOfRangePortIsRejected() {
        assertContains(failure(variant("127.0.0.1:29092", "127.0.0.1:29092, b-2.example:99999")),
                "clusters[1].bootstrapServers: 'b-2.example:99999' is not host:port");
    }

    @Test
    void duplicateAliasIsRejected() {
        assertContains(failure(variant("alias: secondary", "alias: primary")),
                "clusters[1].alias: duplicate alias 'primary'");
    }

    @Test
    void topicRegexMustCompile() {
        String message = failure(variant("names: [orders]", "regex: 'orders['"));

        assertContains(message, "topics.regex: does not compile");
        assertContains(message, "'orders['");
    }

    @Test
    void namesAndRegexAreExclusive() {
        assertContains(failure(variant("names: [orders]", "names: [orders]\n  regex: 'orders.*'")),
                "give either names or regex, not both");
    }

    @Test
    void secretRefMustBeAReferenceAndIsNotEchoed() {
        assertSecretRefused(variant("region: local-a\n",
                "region: local-a\n    security: {protocol: SASL_SSL, saslMechanism: SCRAM-SHA-512, secretRef: hunter2}\n"),
                "clusters[0].security.secretRef", "hunter2");
    }

    @Test
    void saslMechanismsAreTheOnesKafkaDrSpeaksAndIamTakesNoSecret() {
        assertContains(failure(variant("region: local-a\n",
                "region: local-a\n    security: {protocol: SASL_SSL, saslMechanism: OAUTHBEARER, secretRef: 'env:X'}\n")),
                "clusters[0].security.saslMechanism: one of [PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, AWS_MSK_IAM] (got "
                        + "'OAUTHBEARER'; OAUTHBEARER and GSSAPI are not supported)");
        assertContains(failure(variant("region: local-a\n",
                "region: local-a\n    security: {protocol: SASL_SSL, saslMechanism: AWS_MSK_IAM, secretRef: 'env:X'}\n")),
                "AWS_MSK_IAM takes no secretRef: it signs with the AWS credentials of the worker and of each Connect worker");
        assertContains(failure(variant("region: local-a\n",
                "region: local-a\n    security: {protocol: SASL_PLAINTEXT, saslMechanism: AWS_MSK_IAM}\n")),
                "AWS_MSK_IAM needs SASL_SSL");
        assertContains(failure(variant("region: local-a\n",
                "region: local-a\n    security: {protocol: SASL_SSL, saslMechanism: SCRAM-SHA-512}\n")),
                "SCRAM-SHA-512 needs secretRef");
        PairConfig iam = PairConfigParser.parse(variant("region: local-a\n",
                "region: local-a\n    security: {protocol: SASL_SSL, saslMechanism: AWS_MSK_IAM}\n"), "test");
        assertEquals("AWS_MSK_IAM", iam.primaryCluster().security().saslMechanism());
    }

    /** A pair refused for a secret given as a value: the message names the field and never echoes the secret. */
    private static void assertSecretRefused(String yaml, String field, String secret) {
        String message = failure(yaml);
        assertContains(message, field + ": 'env:VAR', 'file:/path' or 'aws-secretsmanager:arn:...' (a reference, "
                + "never the secret itself)");
        assertFalse(message.contains(secret), message);
    }

    /** The secondary's Connect at {@code url} with the given extra keys (indented for its cluster entry). */
    private static String secondaryConnect(String url, String extra) {
        return variant("    connectUrl: http://127.0.0.1:8083\n", "    connectUrl: " + url + "\n" + extra);
    }

    @Test
    void connectOverHttpsWithACaAndBasicAuthParsesIntoTheClustersEndpoint() {
        PairConfig pair = PairConfigParser.parse(secondaryConnect("https://connect-b.example:8443",
                "    connectTls: {caFile: /etc/kafka-dr/connect-ca.pem}\n"
                        + "    connectAuth: {secretRef: 'file:/etc/kafka-dr/connect-b.json'}\n"), "test");

        assertEquals(new ConnectEndpoint("secondary", "https://connect-b.example:8443", "/etc/kafka-dr/connect-ca.pem",
                "file:/etc/kafka-dr/connect-b.json"), pair.secondaryCluster().connect());
        assertEquals(ConnectEndpoint.plain("primary", "http://127.0.0.1:8084"), pair.primaryCluster().connect());
    }

    @Test
    void httpsWithoutACaUsesTheJvmsTrustStoreAndAuthNeedsNoCa() {
        PairConfig pair = PairConfigParser.parse(secondaryConnect("https://connect-b.example:8443",
                "    connectAuth: {secretRef: 'aws-secretsmanager:arn:aws:secretsmanager:eu-west-1:1:secret:c'}\n"),
                "test");

        assertEquals(new ConnectEndpoint("secondary", "https://connect-b.example:8443", null,
                "aws-secretsmanager:arn:aws:secretsmanager:eu-west-1:1:secret:c"), pair.secondaryCluster().connect());
    }

    @Test
    void aConnectCaNeedsAnHttpsUrlAndAFile() {
        assertContains(failure(secondaryConnect("http://127.0.0.1:8083", "    connectTls: {caFile: /ca.pem}\n")),
                "clusters[1].connectTls: a CA is given but connectUrl 'http://127.0.0.1:8083' is not https; use https://");
        assertContains(failure(secondaryConnect("https://127.0.0.1:8443", "    connectTls: {}\n")),
                "clusters[1].connectTls.caFile: required, a PEM file on the worker");
        assertContains(failure(secondaryConnect("https://127.0.0.1:8443", "    connectTls: {cafile: /ca.pem}\n")),
                "unknown key 'cafile' at clusters[1].connectTls");
    }

    @Test
    void connectAuthTakesAReferenceNeverTheSecretAndNeverOverPlainHttp() {
        assertSecretRefused(secondaryConnect("https://127.0.0.1:8443", "    connectAuth: {secretRef: 'admin:hunter2'}\n"),
                "clusters[1].connectAuth.secretRef", "hunter2");
        String inUrl = failure(secondaryConnect("https://admin:hunter2@127.0.0.1:8443/", ""));
        assertContains(inUrl, "clusters[1].connectUrl: carries a login (user:password@host); give the URL without it");
        assertFalse(inUrl.contains("hunter2"), inUrl);
        assertContains(failure(secondaryConnect("https://127.0.0.1:8443", "    connectAuth: {}\n")),
                "clusters[1].connectAuth.secretRef: required");
        assertContains(failure(secondaryConnect("http://127.0.0.1:8083", "    connectAuth: {secretRef: 'env:C'}\n")),
                "clusters[1].connectAuth: basic auth over 'http://127.0.0.1:8083' would send the password in clear; "
                        + "serve Connect's REST API over https");
    }

    @Test
    void scramNeedsAConnectSecretRefSoMm2ConfigsCarryAReference() {
        String missing = failure(variant("region: local-a\n",
                "region: local-a\n    security: {protocol: SASL_SSL, saslMechanism: SCRAM-SHA-512, secretRef: 'env:X'}\n"));
        assertContains(missing, "clusters[0].security: connectSecretRef required: where the Connect workers read this "
                + "cluster's username and password for MM2");
        assertContains(failure(variant("region: local-a\n", "region: local-a\n    security: {protocol: SASL_SSL, "
                        + "saslMechanism: SCRAM-SHA-512, secretRef: 'env:X', connectSecretRef: 'vault:x'}\n")),
                "clusters[0].security.connectSecretRef: 'file:/path' (a properties file on every Connect worker)");
        PairConfig ok = PairConfigParser.parse(variant("region: local-a\n", "region: local-a\n    security: {protocol: "
                + "SASL_SSL, saslMechanism: SCRAM-SHA-512, secretRef: 'env:X', connectSecretRef: 'dir:/run/secrets/p', "
                + "tls: {caFile: /etc/kafka-dr/ca.pem}}\n"), "test");
        assertEquals("/etc/kafka-dr/ca.pem", ok.primaryCluster().security().tls().caFile());
        assertEquals("dir:/run/secrets/p", ok.primaryCluster().security().connectSecretRef());
    }

    @Test
    void tlsTakesACaFileOrATruststoreWithAPasswordReference() {
        String sasl = "region: local-a\n    security: {protocol: SASL_SSL, saslMechanism: SCRAM-SHA-512, secretRef: 'env:X', "
                + "connectSecretRef: 'env:P', ";
        assertContains(failure(variant("region: local-a\n", sasl + "tls: {caFile: /a.pem, truststoreFile: /t.p12}}\n")),
                "clusters[0].security.tls: give either caFile");
        assertContains(failure(variant("region: local-a\n", sasl + "tls: {}}\n")), "clusters[0].security.tls: give either caFile");
        assertContains(failure(variant("region: local-a\n", sasl + "tls: {truststoreFile: /t.p12}}\n")),
                "clusters[0].security.tls: truststoreFile needs truststorePasswordRef");
        assertContains(failure(variant("region: local-a\n", sasl + "tls: {truststoreFile: /t.pem, truststoreType: PEM, "
                + "truststorePasswordRef: 'env:T'}}\n")), "truststoreType: JKS or PKCS12 (got 'PEM'; a PEM file is caFile)");
        assertContains(failure(variant("region: local-a\n", "region: local-a\n    security: {protocol: SASL_PLAINTEXT, "
                + "saslMechanism: SCRAM-SHA-512, secretRef: 'env:X', connectSecretRef: 'env:P', tls: {caFile: /a.pem}}\n")),
                "clusters[0].security.tls: only with SSL or SASL_SSL");
        assertContains(failure(variant("region: local-a\n", "region: local-a\n    security: {protocol: SSL, "
                + "tls: {truststoreFile: /t.jks, truststoreType: JKS, truststorePasswordRef: 'env:T'}}\n")),
                "connectSecretRef required: where the Connect workers read this cluster's truststore password");
    }

    @Test
    void replicationPolicyMustBeKnown() {
        assertContains(failure(VALID + "replication: {policy: mirror}\n"),
                "replication.policy: must be 'identity' or 'prefix' (got 'mirror')");
    }

    @Test
    void everyProblemIsReported() {
        PairConfigException e = assertThrows(PairConfigException.class, () -> PairConfigParser.parse(
                variant("127.0.0.1:19092", "localhost").replace("names: [orders]", "regex: 'orders['"), "test"));

        assertEquals(2, e.problems().size(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name: local\n\tprimary: primary\n", "name: local\nprimary: 'primary\n", "a: b: c"})
    void textThatIsNotYamlIsRejected(String text) {
        assertContains(failure(text), "not valid YAML/JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"just some prose", "- a\n- b\n", "42"})
    void aTopLevelThatIsNotAMappingIsNamed(String text) {
        String message = failure(text);
        assertContains(message, "at the top level");
        assertContains(message, "give a mapping of keys name, primary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n", "# only a comment\n"})
    void anEmptyConfigIsNamed(String text) {
        assertContains(failure(text), "the config is empty");
    }

    @Test
    void yamlSyntaxErrorInsideTheDocumentNamesWhereAndWhat() {
        String message = failure("name: local\nclusters: [ {alias: primary\n");

        assertContains(message, "at clusters[0] (line 2)");
        assertContains(message, "expected ',' or '}'");
    }

    @Test
    void sourceIsNamedInTheMessage() {
        PairConfigException e = assertThrows(PairConfigException.class,
                () -> PairConfigParser.parse(VALID + "replication: {policy: mirror}\n", "pairs/prod.yaml"));

        assertTrue(e.getMessage().startsWith("invalid pair config pairs/prod.yaml:"), e.getMessage());
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        Path file = dir.resolve("nope.yaml");

        PairConfigException e = assertThrows(PairConfigException.class, () -> PairConfigParser.parseFile(file));

        assertContains(e.getMessage(), file.toString());
        assertContains(e.getMessage(), "file not found");
    }

    @Test
    void shippedLocalPairParses() {
        PairConfig pair = PairConfigParser.parseFile(Path.of("../pairs/local.yaml"));

        assertAll(
                () -> assertEquals("local", pair.name()),
                () -> assertEquals("127.0.0.1:19092", pair.primaryCluster().bootstrapServers()),
                () -> assertEquals("http://127.0.0.1:8083", pair.secondaryCluster().connectUrl()),
                () -> assertEquals(List.of("orders"), pair.topics().names()),
                () -> assertEquals(List.of("orders-app"), pair.groupIds()),
                () -> assertTrue(pair.replication().identity()),
                () -> assertEquals(100, pair.thresholds().countToleranceRecords()),
                () -> assertNull(pair.primaryCluster().security()));
    }

    /** Every pair file the project ships reads by the strict rules. */
    @ParameterizedTest
    @ValueSource(strings = {"local.yaml", "local-tools.yaml", "local-tools-tx.yaml", "e2e-kcat.yaml"})
    void everyShippedPairParses(String file) {
        assertFalse(PairConfigParser.parseFile(Path.of("../pairs").resolve(file)).name().isBlank());
    }

    /** {@link #VALID} with one piece replaced; fails if the piece is not there (no silent no-op). */
    @Test
    void groupConcurrencyIsAbsentUnlessGivenAndMustBePositive() {
        FailoverSettings absent = PairConfigParser.parse(VALID, "test").failover();
        assertEquals(FailoverSettings.GROUP_CONCURRENCY_DEFAULT, absent.groupsAtOnce());
        assertEquals(FailoverSettings.FAILBACK_GROUP_CONCURRENCY_DEFAULT, absent.groupsAtOnceOnFailback());

        FailoverSettings given = PairConfigParser.parse(VALID + "failover: {groupConcurrency: 50, failbackGroupConcurrency: 4}\n",
                "test").failover();
        assertEquals(50, given.groupsAtOnce());
        assertEquals(4, given.groupsAtOnceOnFailback());

        String message = failure(VALID + "failover: {groupConcurrency: 0, failbackGroupConcurrency: -2}\n");
        assertContains(message, "failover.groupConcurrency: at least 1 (got 0)");
        assertContains(message, "failover.failbackGroupConcurrency: at least 1 (got -2)");
    }

    @Test
    void aSecondDocumentAfterTheConfigIsRefused() {
        String message = failure(VALID + "---\nname: other\n");
        assertContains(message, "after the end of the config");
        assertContains(message, "remove it");
    }

    @Test
    void textAfterAJsonConfigIsRefused() {
        assertContains(failure("{\"name\": \"local\"} {\"name\": \"other\"}"), "not valid YAML/JSON");
        assertContains(failure("{\"name\": \"local\"}\n---\n{\"name\": \"other\"}"), "after the end of the config");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotLastOneWins() {
        String message = failure(VALID + "name: other\n");
        assertContains(message, "key 'name' is given twice");
        assertContains(message, "keep one");
    }

    @Test
    void aKeyGivenTwiceInANestedMappingIsNamedWithItsPath() {
        String message = failure(VALID + "thresholds: {maxLagRecords: 5, maxLagRecords: 500}\n");
        assertContains(message, "key 'thresholds.maxLagRecords' is given twice");
    }

    @Test
    void aQuotedBooleanIsRefused() {
        String message = failure(VALID + "failoverRequiresApproval: \"true\"\n");
        assertContains(message, "failoverRequiresApproval");
        assertContains(message, "expected true or false, got a string (\"true\")");
        assertContains(message, "without quotes");
    }

    @Test
    void aDecimalForAWholeNumberIsRefused() {
        String message = failure(VALID + "thresholds: {maxLagRecords: 1.9}\n");
        assertContains(message, "thresholds.maxLagRecords");
        assertContains(message, "expected a whole number, got a decimal number (1.9)");
    }

    @Test
    void aQuotedNumberIsRefused() {
        String message = failure(VALID + "replication: {maxTasks: \"3\"}\n");
        assertContains(message, "replication.maxTasks");
        assertContains(message, "expected a whole number, got a string (\"3\")");
    }

    /** A pair file's bindings are checked against BindingType's table: what is missing, what is mistyped. */
    @Test
    void bindingSettingsAreCheckedAgainstTheTable() {
        String message = failure(variant("binding: {type: process, settings: {app: producer-p1}}",
                "binding: {type: ecs, settings: {primary.cluster: apps, primary.service: w, secondary.cluster: apps, "
                        + "secondary.servce: w, container: app}}"));

        assertContains(message, "producers[0].binding: ecs binding needs settings.secondary.service");
        assertContains(message, "producers[0].binding: ecs binding has no setting 'secondary.servce' (a typo?)");
        assertContains(failure(variant("binding: {type: process, settings: {app: producer-p1}}",
                "binding: {type: http, settings: {controlUrl: 'http://app/control'}}")),
                "producers[0].binding: http binding needs settings.statusUrl");
        assertContains(failure(variant("type: process, settings: {app: producer-p1}", "type: k8s")),
                "producers[0].binding.type: one of [process, http, ecs, canary] (got 'k8s')");
        PairConfigParser.parse(variant("binding: {type: process, settings: {app: producer-p1}}",
                "binding: {type: ecs, settings: {primary.cluster: apps, primary.service: w, secondary.cluster: apps, "
                        + "secondary.service: w, container: app, bootstrapEnv: BOOTSTRAP}}"), "test");
    }

    private static String variant(String from, String to) {
        assertTrue(VALID.contains(from), "test fixture does not contain '" + from + "'");
        return VALID.replace(from, to);
    }

    private static String failure(String yaml) {
        return assertThrows(PairConfigException.class, () -> PairConfigParser.parse(yaml, "test")).getMessage();
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected '" + expected + "' in:\n" + text);
    }

    @Test
    void theDrillBlockHasDefaultsAndSaysWhatToFix() {
        PairConfig plain = PairConfigParser.parse(VALID, "test");
        assertEquals(DrillTraffic.CLIENTS, plain.drill().trafficOrDefault());
        assertEquals("_dr.canary", plain.drill().canaryTopicOrDefault());
        assertEquals(1000, plain.drill().canaryRecordsOrDefault());

        PairConfig both = PairConfigParser.parse(VALID + "drill: {traffic: both, canaryRecords: 50}\n", "test");
        assertEquals(DrillTraffic.BOTH, both.drill().trafficOrDefault());
        assertEquals(50, both.drill().canaryRecordsOrDefault());
        String withoutClients = VALID.substring(0, VALID.indexOf("consumerGroups:"));
        PairConfig canary = PairConfigParser.parse(withoutClients + "drill: {traffic: canary}\n", "test");
        assertEquals(DrillTraffic.CANARY, canary.drill().trafficOrDefault());

        // a failover moves every client a pair lists: a canary-only drill would move them too
        PairConfigException withClients = assertThrows(PairConfigException.class, () -> PairConfigParser.parse(
                VALID + "drill: {traffic: canary}\n", "test"));
        assertContains(withClients.getMessage(), "drill.traffic: 'canary' alone on a pair that lists clients "
                + "(1 consumer group(s), 1 producer(s)): a drill's failover moves every client the pair lists; use 'both'");

        PairConfigException bad = assertThrows(PairConfigException.class, () -> PairConfigParser.parse(
                VALID + "drill: {traffic: canary, canaryTopic: mine, canaryRecords: 1}\n", "test"));
        assertTrue(bad.getMessage().contains("drill.canaryTopic: 'mine' must be '_dr.canary' or start with '_dr.canary.'"),
                bad.getMessage());
        assertTrue(bad.getMessage().contains("drill.canaryRecords: records per canary burst, between 2"), bad.getMessage());

        PairConfigException unknown = assertThrows(PairConfigException.class, () -> PairConfigParser.parse(
                VALID + "drill: {traffic: sometimes}\n", "test"));
        assertTrue(unknown.getMessage().contains("drill.traffic") && unknown.getMessage().contains("[clients, canary, both]"),
                unknown.getMessage());
    }

    @Test
    void theCanaryTopicIsNeverADataTopicAndItsBindingIsTheDrillsOwn() {
        PairConfig pair = PairConfigParser.parse(VALID, "test");
        List<String> listed = PairValidator.problems(pair.withTopics(new TopicSelection(List.of("_dr.canary"), null)));
        assertTrue(listed.get(0).contains("a drill adds its canary topic itself"), listed.toString());
        List<String> added = PairValidator.problems(pair.withTopics(pair.topics().withCanary("_dr.canary")));
        assertTrue(added.get(0).startsWith("topics.canary: '_dr.canary' is added by a drill"), added.toString());
        List<String> binding = PairValidator.problems(pair.withClients(List.of(new ConsumerGroupConfig("app",
                ClientBinding.canary())), List.of()));
        assertTrue(binding.get(0).contains("'canary' is kafka-dr's own"), binding.toString());
    }
}
