package io.kafkadr.api;

import io.kafkadr.temporal.metrics.Metrics;
import io.kafkadr.temporal.metrics.MetricsServer;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.kafkadr.operations.Listing;
import io.kafkadr.operations.OperationFailedException;
import io.kafkadr.operations.OperationIds;
import io.kafkadr.operations.OperationKind;
import io.kafkadr.operations.OperationRequests;
import io.kafkadr.operations.OperationState;
import io.kafkadr.operations.ListedOperation;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.PairStatus;
import io.kafkadr.operations.Since;
import io.kafkadr.operations.Started;
import io.kafkadr.operations.report.Formats;
import io.kafkadr.operations.report.OperationReport;
import io.kafkadr.operations.report.ReportFormat;
import io.kafkadr.api.pagerduty.PagerDutyWebhook;
import io.kafkadr.api.pagerduty.WebhookDecision;
import io.kafkadr.workflows.drill.DrillRequest;
import io.kafkadr.workflows.drpair.OperationRef;
import io.kafkadr.workflows.drpair.PairState;
import io.kafkadr.workflows.operation.Approval;
import io.kafkadr.workflows.operation.ClientDecision;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident API: HTTP in front of the operations' front door ({@link Operations}), for incident
 * tooling. Bearer tokens with scopes ({@link TokenStore}), pairs from the registered pairs only,
 * errors as {@code {"error", "message"}}, an access log line per request (method, path, status,
 * caller, time; never a header or a body).
 */
public final class IncidentApi implements AutoCloseable {

    /**
     * How the API serves.
     *
     * @param maxBodyBytes the largest request body taken (413 beyond)
     * @param tls          the TLS key store (key and chain under {@link PemKeyStore#ALIAS}), or null for plain HTTP
     * @param uiBase       the Temporal UI (e.g. http://127.0.0.1:8233) for the {@code uiUrl} of operations, or null
     * @param workerMetrics the worker's {@code /metrics}, where a pair's replication lag is read, or null (no lag shown)
     */
    public record Settings(String host, int port, long maxBodyBytes, KeyStore tls, char[] tlsPassword, String uiBase,
                           String namespace, java.net.URI workerMetrics) {

        public Settings(String host, int port, long maxBodyBytes, KeyStore tls, char[] tlsPassword, String uiBase,
                        String namespace) {
            this(host, port, maxBodyBytes, tls, tlsPassword, uiBase, namespace, null);
        }
    }

    /** A route: method and path as the OpenAPI document writes it ({@code /v1/pairs/{pair}}). */
    public record Route(String method, String path) {
    }

    static final String JSON = "application/json";
    private static final Logger ACCESS = LoggerFactory.getLogger("kafka-dr.api.access");
    private static final Logger LOG = LoggerFactory.getLogger(IncidentApi.class);
    private static final String CALLER = "kafka-dr.caller";
    static final String PAGERDUTY = "/v1/webhooks/pagerduty";
    /** The requests timer: {@code kafkadr_api_requests_seconds_count{method,route,status}} and its sums. */
    static final String REQUESTS = "kafkadr_api_requests";
    /** Who a webhook's failover is recorded as requested by, and its rate-limit bucket. */
    static final String PAGERDUTY_CALLER = "pagerduty-webhook";

    @FunctionalInterface
    interface Action {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    private final Settings settings;
    private final PairRegistry pairs;
    private final TokenStore tokens;
    private final Operations ops;
    private final RateLimiter limiter;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Route> routes = new ArrayList<>();
    private final Optional<PagerDutyWebhook> pagerDuty;
    private final Metrics metrics;
    private final WorkerLag workerLag;
    private final Javalin app;

    /** @param metrics the process's registry: what {@code GET /metrics} serves, and where requests are counted */
    public IncidentApi(Settings settings, PairRegistry pairs, TokenStore tokens, Operations ops, RateLimiter limiter,
                       Clock clock, Optional<PagerDutyWebhook> pagerDuty, Metrics metrics) {
        this.pagerDuty = pagerDuty;
        this.metrics = metrics;
        this.settings = settings;
        this.pairs = pairs;
        this.tokens = tokens;
        this.ops = ops;
        this.limiter = limiter;
        this.clock = clock;
        this.workerLag = settings.workerMetrics() == null ? null : new WorkerLag(settings.workerMetrics(), clock);
        this.app = Javalin.create(this::configure);
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = settings.maxBodyBytes();
        config.jetty.host = settings.host();
        config.jetty.port = settings.port();
        config.jetty.modifyServer(server -> server.setStopTimeout(10_000)); // graceful: requests in flight finish
        if (settings.tls() != null) {
            config.jetty.addConnector((server, http) -> {
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setKeyStore(settings.tls());
                ssl.setKeyStorePassword(new String(settings.tlsPassword()));
                http.addCustomizer(new SecureRequestCustomizer());
                ServerConnector https = new ServerConnector(server, ssl, new HttpConnectionFactory(http));
                https.setHost(settings.host());
                https.setPort(settings.port());
                return https;
            });
        }
        config.requestLogger.http((ctx, millis) -> {
            ACCESS.info("{} {} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(),
                    Optional.ofNullable(ctx.<Caller>attribute(CALLER)).map(Caller::name).orElse("-"), Math.round(millis));
            // by route pattern, never by path: operation ids and unknown paths would make a series each
            Timer.builder(REQUESTS).description("incident API requests by route and status")
                    .tag("method", ctx.method().name()).tag("route", routeOf(ctx))
                    .tag("status", Integer.toString(ctx.statusCode())).register(metrics.registry())
                    .record(Duration.ofNanos(Math.round(millis * 1_000_000)));
        });
        config.routes.exception(Exception.class, (e, ctx) -> fail(ctx, e));
        config.routes.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith(JSON)) {
                write(ctx, ApiError.notFound("no route " + ctx.method() + " " + ctx.path() + ": the routes are in "
                        + "GET /openapi.json"));
            }
        });
        config.routes.get("/openapi.json", ctx -> ctx.contentType(JSON).result(openApi()));
        routes.add(new Route("get", "/openapi.json"));
        // Prometheus scrapes without a token, as it does most exporters: counts and states, no secret, no report
        config.routes.get(MetricsServer.PATH, ctx -> ctx.contentType(MetricsServer.CONTENT_TYPE).result(metrics.scrape()));
        routes.add(new Route("get", MetricsServer.PATH));

        route(config, HandlerType.GET, "/v1/pairs", Scope.READ, this::listPairs);
        route(config, HandlerType.GET, "/v1/pairs/{pair}", Scope.READ, this::showPair);
        route(config, HandlerType.POST, "/v1/pairs/{pair}/failover", Scope.OPERATE, this::failover);
        route(config, HandlerType.POST, "/v1/pairs/{pair}/failback", Scope.OPERATE, this::failback);
        route(config, HandlerType.POST, "/v1/pairs/{pair}/drills", Scope.OPERATE, this::drill);
        route(config, HandlerType.GET, "/v1/operations", Scope.READ, this::listOperations);
        // an operation id holds slashes (failover/<pair>/incident-<id>): <id> takes them; the longer routes first
        route(config, HandlerType.GET, "/v1/operations/<id>/report", Scope.READ, this::report);
        route(config, HandlerType.POST, "/v1/operations/<id>/approve", Scope.APPROVE, this::approve);
        route(config, HandlerType.POST, "/v1/operations/<id>/decide", Scope.APPROVE, this::decide);
        route(config, HandlerType.GET, "/v1/operations/<id>", Scope.READ, this::showOperation);
        // PagerDuty v3 webhooks: no bearer token, PagerDuty signs each delivery (io.kafkadr.api.pagerduty)
        config.routes.post(PAGERDUTY, this::pagerDuty);
        routes.add(new Route("post", PAGERDUTY));
    }

    /** The route pattern a request matched, as the OpenAPI document writes it ({@code unmatched} for none). */
    private static String routeOf(Context ctx) {
        try {
            io.javalin.router.Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null ? "unmatched" : openApiPath(endpoint.path);
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    public IncidentApi start() {
        app.start();
        return this;
    }

    /** The port served (the one given, or the one picked for port 0). */
    public int port() {
        return app.port();
    }

    /** Every route registered, as the OpenAPI document writes paths. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The routes Javalin serves, read back from its router (what the OpenAPI test holds against the document). */
    public List<Route> servedRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> new Route(e.endpoint.method.name().toLowerCase(Locale.ROOT), openApiPath(e.endpoint.path)))
                .toList();
    }

    static String openApiPath(String javalinPath) {
        return javalinPath.replaceAll("<([^>]+)>", "{$1}");
    }

    private void route(JavalinConfig config, HandlerType method, String path, Scope scope, Action action) {
        routes.add(new Route(method.name().toLowerCase(Locale.ROOT), openApiPath(path)));
        io.javalin.http.Handler handler = ctx -> {
            Caller caller = authenticate(ctx);
            ctx.attribute(CALLER, caller);
            if (!caller.scopes().contains(scope)) {
                throw new ApiError(403, "forbidden", "token '" + caller.name() + "' lacks scope '" + scope.label()
                        + "' (it has " + Scope.labels(caller.scopes()) + "): " + method + " " + path + " needs it; "
                        + "make a token with it: drctl api token --scopes " + scope.label());
            }
            if (!limiter.tryAcquire(caller.name())) {
                throw ApiError.rateLimited(limiter.retryAfterSeconds());
            }
            action.handle(ctx, caller);
        };
        if (method == HandlerType.GET) {
            config.routes.get(path, handler);
        } else {
            config.routes.post(path, handler);
        }
    }

    private Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "unauthorized", "no bearer token: send 'Authorization: Bearer <token>' (drctl api "
                    + "token makes one)");
        }
        return tokens.authenticate(header.substring(7).trim()).orElseThrow(() -> new ApiError(401, "unauthorized",
                "the bearer token is not one of the API's tokens: ask its operator for one (drctl api token)"));
    }

    /** The request body, at most {@code maxBodyBytes} (413), JSON only (415). */
    private byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes((int) settings.maxBodyBytes() + 1);
        } catch (IOException e) {
            throw ApiError.badRequest("cannot read the request body: " + e.getMessage());
        }
        if (body.length > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        String type = ctx.contentType();
        if (body.length > 0 || type != null) {
            String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!JSON.equals(mediaType)) {
                throw new ApiError(415, "unsupported-media-type", "the body must be JSON: send 'Content-Type: "
                        + JSON + "' (got " + (type == null ? "none" : "'" + type + "'") + ")");
            }
        }
        return body;
    }

    private ApiError tooLarge() {
        return new ApiError(413, "payload-too-large", "the request body is larger than " + settings.maxBodyBytes()
                + " bytes: the API's requests are small JSON objects");
    }

    private String pair(Context ctx) {
        return pair(ctx.pathParam("pair"));
    }

    private String pair(String name) {
        if (pairs.find(name).isEmpty()) {
            throw ApiError.notFound("no pair '" + name + "': the API serves the registered pairs " + pairs.names()
                    + " (GET /v1/pairs); an operator registers one with drctl pair register");
        }
        return name;
    }

    private static String by(String reason, String who) {
        return reason + " (requested by " + who + " through the incident API)";
    }

    // ---- pairs

    private void listPairs(Context ctx, Caller caller) {
        List<Map<String, Object>> list = pairs.names().stream().map(name -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("url", "/v1/pairs/" + name);
            return p;
        }).toList();
        write(ctx, 200, Map.of("pairs", list));
    }

    private void showPair(Context ctx, Caller caller) {
        String name = pair(ctx);
        PairConfig config = pairs.find(name).orElseThrow();
        PairStatus status = ops.status(name);
        PairState state = status.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pair", name);
        out.put("active", state == null ? config.primary() : state.active());
        Map<String, Object> replication = null;
        if (state != null && state.replication() != null) {
            replication = new LinkedHashMap<>();
            replication.put("source", state.replication().source());
            replication.put("target", state.replication().target());
            replication.put("lag", workerLag == null ? null : workerLag.of(name));
        }
        out.put("replication", replication);
        Map<String, Object> inFlight = null;
        if (state != null && state.inFlight() != null) {
            OperationRef op = state.inFlight();
            inFlight = new LinkedHashMap<>();
            inFlight.put("operationId", op.id());
            inFlight.put("operation", op.type());
            inFlight.put("startedAt", Instant.ofEpochMilli(op.startedAtMillis()).toString());
            inFlight.put("step", status.progress() == null ? null : status.progress().step());
            inFlight.put("detail", status.progress() == null ? null : status.progress().detail());
            inFlight.put("url", url(op.id()));
        }
        out.put("inFlight", inFlight);
        // drills take no lock of their own: the entity's past has their failover and failback, not them
        Map<String, Object> lastDrill = null;
        for (ListedOperation op : ops.list(name, OperationKind.DRILL.name(), null, 10).operations()) {
            if (op.endedAtMillis() > 0) {
                lastDrill = new LinkedHashMap<>();
                lastDrill.put("operationId", op.id());
                lastDrill.put("outcome", op.outcome());
                lastDrill.put("endedAt", Instant.ofEpochMilli(op.endedAtMillis()).toString());
                break;
            }
        }
        out.put("lastDrill", lastDrill);
        write(ctx, 200, out);
    }

    // ---- starting operations

    private void failover(Context ctx, Caller caller) {
        String pair = pair(ctx);
        Bodies.Failover body = Bodies.read(body(ctx), Bodies.Failover.class);
        startFailover(ctx, pair, body.incidentId(), body.mode(), by(body.reason(), caller.name()), body.requireApproval());
    }

    /** Starts, or joins, the incident's failover: 202 when this call started it, 200 when it ran already. */
    private void startFailover(Context ctx, String pair, String incidentId, String mode, String reason,
                               Boolean requireApproval) {
        String id = OperationIds.failover(pair, incidentId, clock.millis());
        if (ops.exists(id)) { // the incident's failover: the same operation, whatever it is doing
            writeStarted(ctx, 200, id);
            return;
        }
        refuseWhileInFlight(pair, id);
        Started started = ops.start(OperationKind.FAILOVER, id, OperationRequests.failover(PairConfig.named(pair),
                mode, reason, incidentId, requireApproval, false), Operations.IdReuse.ONCE);
        writeStarted(ctx, started.created() ? 202 : 200, id);
    }

    /** A PagerDuty delivery: verified and mapped by {@link PagerDutyWebhook}, a failover started or joined here. */
    private void pagerDuty(Context ctx) {
        ctx.attribute(CALLER, new Caller(PAGERDUTY_CALLER, java.util.Set.of()));
        PagerDutyWebhook webhook = pagerDuty.orElseThrow(() -> ApiError.notFound("PagerDuty webhooks are not set up "
                + "here: the operator starts drctl api with --pagerduty FILE (secrets and the incident-to-pair mapping)"));
        if (!limiter.tryAcquire(PAGERDUTY_CALLER)) {
            throw ApiError.rateLimited(limiter.retryAfterSeconds());
        }
        byte[] body = body(ctx);
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        WebhookDecision decision = webhook.handle(headers, body);
        if (decision instanceof WebhookDecision.Reject r) {
            throw new ApiError(r.status(), r.error(), r.message());
        } else if (decision instanceof WebhookDecision.Ignore i) {
            write(ctx, 200, Map.of("ignored", i.why()));
        } else if (decision instanceof WebhookDecision.Failover f) {
            startFailover(ctx, pair(f.pair()), f.incidentId(), f.mode(), by(f.reason(), PAGERDUTY_CALLER),
                    f.requireApproval());
        }
    }

    private void failback(Context ctx, Caller caller) {
        String pair = pair(ctx);
        Bodies.Failback body = Bodies.read(body(ctx), Bodies.Failback.class);
        String id = OperationIds.failback(pair, clock.millis());
        refuseWhileInFlight(pair, id);
        ops.start(OperationKind.FAILBACK, id, OperationRequests.failback(PairConfig.named(pair), by(body.reason(), caller.name()),
                body.requireApproval()));
        writeStarted(ctx, 202, id);
    }

    private void drill(Context ctx, Caller caller) {
        String pair = pair(ctx);
        Bodies.Drill body = Bodies.read(body(ctx), Bodies.Drill.class);
        String id = OperationIds.drill(pair, Long.toString(clock.millis()));
        refuseWhileInFlight(pair, id);
        ops.start(OperationKind.DRILL, id, OperationRequests.drill(PairConfig.named(pair), by(body.reason(), caller.name()),
                DrillRequest.REPLICATE_AUTO, body.requireApproval()));
        writeStarted(ctx, 202, id);
    }

    private void refuseWhileInFlight(String pair, String id) {
        Optional<String> other = ops.inFlight(pair, id);
        if (other.isPresent()) {
            throw ApiError.inFlight(pair, other.get());
        }
    }

    private void writeStarted(Context ctx, int status, String id) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operationId", id);
        out.put("url", url(id));
        out.put("uiUrl", OperationIds.uiLink(settings.uiBase(), settings.namespace(), id));
        write(ctx, status, out);
    }

    private static String url(String id) {
        return "/v1/operations/" + id;
    }

    // ---- operations

    private void listOperations(Context ctx, Caller caller) {
        String pairParam = ctx.queryParam("pair");
        if (pairParam == null || pairParam.isBlank()) {
            throw ApiError.badRequest("give the pair: GET /v1/operations?pair=<name> (GET /v1/pairs lists them)");
        }
        String pair = pair(pairParam);
        Instant since;
        try {
            since = ctx.queryParam("since") == null ? null : Since.parse(ctx.queryParam("since"), clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage().replace("--since", "since"));
        }
        int limit = 50;
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > 500) {
                throw ApiError.badRequest("limit '" + limitParam + "' is not a whole number from 1 to 500");
            }
        }
        Listing listing = ops.list(pair, null, since, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pair", pair);
        out.put("visibility", listing.visibilityProblem() == null ? "ok" : listing.visibilityProblem());
        out.put("operations", listing.operations().stream().map(o -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("operationId", o.id());
            row.put("operation", o.operation());
            row.put("phase", o.status());
            row.put("outcome", o.outcome());
            row.put("startedAt", Instant.ofEpochMilli(o.startedAtMillis()).toString());
            row.put("endedAt", o.endedAtMillis() > 0 ? Instant.ofEpochMilli(o.endedAtMillis()).toString() : null);
            row.put("url", url(o.id()));
            return row;
        }).toList());
        write(ctx, 200, out);
    }

    private OperationState operation(Context ctx) {
        String id = ctx.pathParam("id");
        return ops.operation(id).orElseThrow(() -> ApiError.notFound("no operation '" + id + "' (a failover, failback "
                + "or drill's workflow id; GET /v1/operations?pair=<name> lists them)"));
    }

    private void showOperation(Context ctx, Caller caller) {
        OperationState op = operation(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operationId", op.id());
        out.put("operation", op.operation());
        out.put("pair", op.pair());
        out.put("phase", op.status());
        out.put("startedAt", Instant.ofEpochMilli(op.startedAtMillis()).toString());
        out.put("closedAt", op.closedAtMillis() > 0 ? Instant.ofEpochMilli(op.closedAtMillis()).toString() : null);
        out.put("progress", op.progress() == null ? null
                : Map.of("step", op.progress().step(), "detail", op.progress().detail()));
        JsonNode result = op.result();
        out.put("outcome", result == null ? null : result.hasNonNull("outcome") ? result.get("outcome").asText()
                : result.has("passed") ? (result.get("passed").asBoolean() ? "passed" : "failed") : null);
        out.put("report", result);
        out.put("uiUrl", OperationIds.uiLink(settings.uiBase(), settings.namespace(), op.id()));
        write(ctx, 200, out);
    }

    private void approve(Context ctx, Caller caller) {
        Bodies.Approve body = Bodies.read(body(ctx), Bodies.Approve.class);
        OperationState op = running(ctx);
        answer(ctx, op, () -> ops.approve(op.id(), new Approval(caller.name(), body.reason())));
    }

    private void decide(Context ctx, Caller caller) {
        Bodies.Decide body = Bodies.read(body(ctx), Bodies.Decide.class);
        OperationState op = running(ctx);
        answer(ctx, op, () -> ops.decide(op.id(), new ClientDecision(body.client(), body.action(), caller.name())));
    }

    private OperationState running(Context ctx) {
        OperationState op = operation(ctx);
        if (!"running".equals(op.status())) {
            throw ApiError.conflict("operation " + op.id() + " is " + op.status() + ": there is nothing to approve or "
                    + "decide");
        }
        return op;
    }

    private void answer(Context ctx, OperationState op, java.util.function.Supplier<String> update) {
        String answer;
        try {
            answer = update.get();
        } catch (OperationFailedException e) {
            if (e.badInput()) { // the workflow's validator refused it, with its reason
                throw new ApiError(409, "refused", e.getMessage());
            }
            throw e;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operationId", op.id());
        out.put("answer", answer);
        write(ctx, 200, out);
    }

    private void report(Context ctx, Caller caller) {
        String id = operation(ctx).id();
        String formatParam = ctx.queryParam("format") == null ? "json" : ctx.queryParam("format");
        ReportFormat format;
        try {
            format = ReportFormat.valueOf(formatParam);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("format '" + formatParam + "' is not one of json, md, html");
        }
        OperationReport report;
        try {
            report = OperationReport.of(ops, id);
        } catch (OperationFailedException e) {
            if ("NotReady".equals(e.failureType())) {
                throw ApiError.conflict(id + " is still running: its report is there once it ends (GET " + url(id) + ")");
            }
            if (e.badInput()) {
                throw ApiError.notFound(e.getMessage());
            }
            throw ApiError.conflict(id + " has no report: " + e.getMessage());
        }
        String text = report.render(format, new Formats(ZoneOffset.UTC));
        ctx.status(200).contentType(switch (format) {
            case json -> JSON;
            case md -> "text/markdown; charset=utf-8";
            case html -> "text/html; charset=utf-8";
        }).result(text);
    }

    // ---- answers

    private void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType(JSON).result(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Context ctx, ApiError error) {
        if (error.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Long.toString(error.retryAfterSeconds()));
        }
        if (error.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        write(ctx, error.status(), error.body());
    }

    private void fail(Context ctx, Exception e) {
        if (e instanceof io.javalin.http.HttpResponseException http) {
            write(ctx, new ApiError(http.getStatus(), http.getStatus() == 413 ? "payload-too-large" : "http-" + http.getStatus(),
                    http.getMessage()));
            return;
        }
        Optional<ApiError> known = Failures.of(e);
        if (known.isPresent()) {
            write(ctx, known.get());
            return;
        }
        LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
        write(ctx, new ApiError(500, "internal", "the API failed on this request (" + e.getClass().getSimpleName()
                + "); its log has the details"));
    }

    private static String openApi() {
        try (InputStream in = IncidentApi.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json is missing from the API's resources", e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
