package io.kafkadr.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Temporal's Java test server (the frontend API the local stack falls back to) served over TLS
 * by gRPC: one frontend requiring client certificates signed by the test CA (mTLS), one requiring
 * an API key as Temporal Cloud does. The worker and client are built by {@link TemporalConnection}
 * exactly as {@code drctl worker} and drctl build them.
 */
class TlsTemporalFrontendTest {

    @WorkflowInterface
    public interface Echo {
        @WorkflowMethod
        String echo(String input);
    }

    public static class EchoImpl implements Echo {
        @Override
        public String echo(String input) {
            if (input.startsWith("fail:")) {
                throw ApplicationFailure.newNonRetryableFailure("cannot move " + input.substring(5), "Test");
            }
            return "moved " + input;
        }
    }

    private static final String API_KEY = "tc-api-key-7f3a";

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestServicesStarter temporal;
    static Server mtls;
    static Server apiKeyed;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create(dir);
        temporal = new TestServicesStarter(false, 0);
        mtls = serve(TlsServerCredentials.ClientAuth.REQUIRE, List.of());
        apiKeyed = serve(TlsServerCredentials.ClientAuth.NONE, List.of(new RequireBearer()));
    }

    private static Server serve(TlsServerCredentials.ClientAuth auth, List<ServerInterceptor> interceptors) throws Exception {
        var credentials = TlsServerCredentials.newBuilder()
                .keyManager(certs.cert("server").toFile(), certs.key("server").toFile())
                .trustManager(certs.cert("ca").toFile()).clientAuth(auth).build();
        var builder = Grpc.newServerBuilderForPort(0, credentials);
        GRPCServerHelper.registerServicesAndHealthChecks(temporal.getServices(), builder, interceptors);
        return builder.build().start();
    }

    @AfterAll
    static void stop() {
        mtls.shutdownNow();
        apiKeyed.shutdownNow();
        temporal.close();
    }

    /** Temporal Cloud's check: every call carries 'authorization: Bearer <key>'. */
    static final class RequireBearer implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            String auth = headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
            if (!("Bearer " + API_KEY).equals(auth)) {
                call.close(Status.UNAUTHENTICATED.withDescription("bad API key"), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            return next.startCall(call, headers);
        }
    }

    private static TemporalConnection connect(Server server, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--temporal", "localhost:" + server.getPort()));
        all.addAll(List.of(args));
        TemporalFlags flags = new TemporalFlags();
        new CommandLine(flags).parseArgs(all.toArray(String[]::new));
        return TemporalConnection.open(flags.settings(env), DataConverter.getDefaultInstance());
    }

    private static void systemInfo(TemporalConnection c) {
        c.service().blockingStub().withDeadlineAfter(10, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    }

    private static String[] mtlsArgs(String client) {
        return new String[] {"--tls-ca-path", certs.cert("ca").toString(),
                "--tls-cert-path", certs.cert(client).toString(), "--tls-key-path", certs.key(client).toString()};
    }

    @Test
    void mtlsWorkerAndClientRunAWorkflowWithEncryptedPayloadsAndFailures() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path keys = dir.resolve("codec-keys");
        Files.writeString(keys, "k1:" + Base64.getEncoder().encodeToString(key) + "\n");
        List<String> args = new ArrayList<>(List.of(mtlsArgs("client")));
        args.addAll(List.of("--codec-keys-file", keys.toString()));
        try (TemporalConnection c = connect(mtls, Map.of(), args.toArray(String[]::new))) {
            WorkerFactory factory = WorkerFactory.newInstance(c.client());
            factory.newWorker("tls-test").registerWorkflowImplementationTypes(EchoImpl.class);
            factory.start();
            try {
                Echo ok = c.client().newWorkflowStub(Echo.class,
                        WorkflowOptions.newBuilder().setTaskQueue("tls-test").setWorkflowId("echo-ok").build());
                assertEquals("moved orders-dr", ok.echo("orders-dr"));
                String history = history(c, "echo-ok");
                assertFalse(history.contains("orders-dr"), "plaintext input or result in the history");

                WorkflowStub failing = c.client().newUntypedWorkflowStub("Echo",
                        WorkflowOptions.newBuilder().setTaskQueue("tls-test").setWorkflowId("echo-fail").build());
                failing.start("fail:payments-dr");
                WorkflowFailedException e = assertThrows(WorkflowFailedException.class, () -> failing.getResult(String.class));
                ApplicationFailure cause = assertInstanceOf(ApplicationFailure.class, e.getCause());
                assertEquals("cannot move payments-dr", cause.getOriginalMessage());
                try (TemporalConnection withoutKeys = connect(mtls, Map.of(), mtlsArgs("client"))) {
                    RuntimeException unreadable = assertThrows(RuntimeException.class,
                            () -> withoutKeys.client().newUntypedWorkflowStub("echo-ok", java.util.Optional.empty(), java.util.Optional.empty())
                                    .getResult(String.class));
                    Throwable noKeys = unreadable.getCause();
                    assertInstanceOf(io.temporal.payload.codec.PayloadCodecException.class, noKeys);
                    assertTrue(noKeys.getMessage().contains("encrypted (key 'k1'): give the keys the worker uses, --codec-keys-file"),
                            noKeys.getMessage());
                }
                String failedHistory = history(c, "echo-fail");
                assertFalse(failedHistory.contains("payments-dr"), "plaintext failure message in the history");
                assertTrue(failedHistory.contains("Encoded failure"), "the failure message is replaced by the codec's placeholder");
            } finally {
                factory.shutdownNow();
            }
        }
    }

    private static String history(TemporalConnection c, String workflowId) {
        return new String(c.service().blockingStub().getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(c.namespace()).setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build()).toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void withoutAClientCertificateTheMtlsFrontendRefuses() {
        try (TemporalConnection c = connect(mtls, Map.of("TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.cert("ca").toString()))) {
            assertThrows(StatusRuntimeException.class, () -> systemInfo(c));
        }
        try (TemporalConnection c = connect(mtls, Map.of(), mtlsArgs("stranger"))) {
            assertThrows(StatusRuntimeException.class, () -> systemInfo(c));
        }
    }

    @Test
    void aServerSignedByAnotherCaIsNotTrusted() {
        try (TemporalConnection c = connect(mtls, Map.of(), "--tls-ca-path", certs.cert("other-ca").toString(),
                "--tls-cert-path", certs.cert("client").toString(), "--tls-key-path", certs.key("client").toString())) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> systemInfo(c));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        }
        try (TemporalConnection c = connect(mtls, Map.of(), mtlsArgs("client"))) {
            systemInfo(c);
        }
    }

    @Test
    void apiKeyIsSentAsBearerOverTls() {
        Map<String, String> env = Map.of("TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.cert("ca").toString());
        try (TemporalConnection c = connect(apiKeyed, Map.of("TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.cert("ca").toString(),
                "TEMPORAL_API_KEY", API_KEY))) {
            systemInfo(c);
        }
        try (TemporalConnection c = connect(apiKeyed, Map.of("TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.cert("ca").toString(),
                "TEMPORAL_API_KEY", "wrong"))) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> systemInfo(c));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        }
        try (TemporalConnection c = connect(apiKeyed, env)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> systemInfo(c));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        }
    }
}
