package io.kafkadr.api;

import io.kafkadr.temporal.metrics.Metrics;

import io.kafkadr.api.pagerduty.PagerDutyConfig;
import io.kafkadr.api.pagerduty.PagerDutyWebhook;
import io.kafkadr.operations.Home;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.workflows.pair.PairRegistry;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "api", mixinStandardHelpOptions = true, subcommands = ApiCommand.Token.class,
        description = "Serve the incident API (HTTP, bearer tokens with scopes read/operate/approve): start, follow, "
                + "approve and report failovers, failbacks and drills of the registered pairs. OpenAPI document at "
                + "/openapi.json. 'drctl api token' makes a token.")
public class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (0.0.0.0: every interface); "
            + "default: ${DEFAULT-VALUE}")
    String host;
    @Option(names = "--port", defaultValue = "8080", description = "port to listen on (0: any free one); default: ${DEFAULT-VALUE}")
    int port;
    @Option(names = "--pairs", paramLabel = "DIR", description = "the registered pairs' folders, like the worker's "
            + "--pairs-dir (PATH-like list); default: $" + PairRegistry.ENV + ", else .local/pairs:pairs")
    String pairsDir;
    @Option(names = "--tokens", paramLabel = "FILE", description = "the tokens file (lines name:scopes:sha256), made with "
            + "'drctl api token'")
    Path tokensFile;
    @Option(names = "--tls-cert", paramLabel = "FILE", description = "serve HTTPS with this certificate (chain), PEM")
    Path tlsCert;
    @Option(names = "--tls-key", paramLabel = "FILE", description = "the certificate's private key, PEM (PKCS#8)")
    Path tlsKey;
    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "65536", description = "largest request body "
            + "taken (413 beyond); default: ${DEFAULT-VALUE}")
    long maxBody;
    @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "10", description = "requests per second per "
            + "token (429 beyond); default: ${DEFAULT-VALUE}")
    double rate;
    @Option(names = "--burst", defaultValue = "50", description = "requests a token may make at once before --rate "
            + "applies; default: ${DEFAULT-VALUE}")
    int burst;
    @Option(names = "--pagerduty", paramLabel = "FILE", description = "accept PagerDuty v3 webhooks at POST "
            + "/v1/webhooks/pagerduty: signing secrets (secretRefs) and which incidents fail over which pair (mappings)")
    Path pagerDutyFile;
    @Option(names = "--worker-metrics", paramLabel = "URL", defaultValue = "http://127.0.0.1:9464/metrics",
            description = "the worker's /metrics, where GET /v1/pairs/{pair} reads the pair's replication lag "
                    + "(default: ${DEFAULT-VALUE}, the local stack's worker); 'none' shows no lag")
    String workerMetrics;
    @Option(names = "--temporal-ui", paramLabel = "URL", description = "the Temporal UI, for the operations' uiUrl; "
            + "default: the local stack's when the API talks to it")
    String temporalUi;

    @Override
    public Integer call() throws InterruptedException {
        if (tokensFile == null) {
            throw new ParameterException(spec.commandLine(), "give --tokens FILE (make a token with: drctl api token "
                    + "--name NAME --scopes read,operate,approve --out FILE)");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (maxBody < 1 || maxBody > Integer.MAX_VALUE - 1) {
            throw new ParameterException(spec.commandLine(), "--max-body must be at least 1 byte");
        }
        TokenStore tokens;
        KeyStore tls = null;
        char[] password = null;
        RateLimiter limiter;
        Optional<PagerDutyWebhook> pagerDuty;
        try {
            tokens = TokenStore.load(tokensFile);
            if (tlsCert != null) {
                password = TokenStore.newToken(new SecureRandom()).toCharArray();
                tls = PemKeyStore.load(tlsCert, tlsKey, password);
            }
            limiter = new RateLimiter(rate, burst, System::nanoTime);
            pagerDuty = pagerDutyFile == null ? Optional.empty()
                    : Optional.of(new PagerDutyWebhook(PagerDutyConfig.load(pagerDutyFile), Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PairRegistry pairs = PairRegistry.configured(pairsDir, Home.path());
        java.net.URI workerUri = workerMetricsUri();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Metrics metrics = new Metrics();
             Operations ops = new Operations(temporal, System.err, metrics.temporalScope())) {
            IncidentApi api = new IncidentApi(new IncidentApi.Settings(host, port, maxBody, tls, password,
                    temporalUi != null ? temporalUi : temporal.uiUrl(), temporal.namespace(), workerUri), pairs,
                    tokens, ops, limiter,
                    Clock.systemUTC(), pagerDuty, metrics).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.err.println("drctl api: stopping (requests in flight finish)");
                api.close();
                stopped.countDown();
            }, "api-shutdown"));
            System.err.println("drctl api: serving " + (tls != null ? "https" : "http") + "://" + host + ":" + api.port()
                    + " (pairs from " + pairs.folders() + ", Temporal " + temporal.address() + ")");
            stopped.await();
        }
        return 0;
    }

    private java.net.URI workerMetricsUri() {
        if ("none".equals(workerMetrics)) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(workerMetrics);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new java.net.URISyntaxException(workerMetrics, "not http(s)");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--worker-metrics '" + workerMetrics + "' is not an http(s) "
                    + "URL (e.g. http://worker-host:9464/metrics), or 'none'");
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Make a token for the incident API: prints it once (stdout) and appends its name, scopes and "
                    + "SHA-256 to the tokens file; the token itself is stored nowhere.")
    static class Token implements Callable<Integer> {

        @Spec
        CommandSpec spec;
        @Option(names = "--name", required = true, description = "who holds it: recorded as who started or approved")
        String name;
        @Option(names = "--scopes", required = true, description = "comma-separated: read, operate, approve")
        String scopes;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the tokens file to append to "
                + "(made, owner-only, when missing)")
        Path out;

        @Override
        public Integer call() {
            String token = TokenStore.newToken(new SecureRandom());
            try {
                TokenStore.append(out, TokenStore.line(name, Scope.parse(scopes), token));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            System.out.println(token);
            System.err.println("token '" + name + "' (" + scopes + ") added to " + out + "; it is shown only now");
            return 0;
        }
    }
}
