package io.kafkadr.temporal;

import com.uber.m3.tally.Scope;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.kafkadr.temporal.codec.AesGcmPayloadCodec;
import io.kafkadr.temporal.codec.CodecKeyring;
import io.kafkadr.temporal.codec.EncryptedPayloadGuard;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.ServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The one place that connects to Temporal, for the worker and every drctl command: service stubs
 * over plain gRPC, TLS, mTLS or with an API key, and the data converter (with the payload codec
 * when keys are configured) for the clients built on them.
 */
public final class TemporalConnection implements AutoCloseable {

    private final TemporalSettings settings;
    private final SslContext ssl;
    private final WorkflowServiceStubs service;
    private final DataConverter dataConverter;
    private final WorkflowClient client;

    private TemporalConnection(TemporalSettings settings, DataConverter base, Scope metricsScope) {
        this.settings = settings;
        this.ssl = sslContext(settings);
        WorkflowServiceStubsOptions.Builder stubs = configure(WorkflowServiceStubsOptions.newBuilder(), settings, ssl);
        if (metricsScope != null) {
            stubs.setMetricsScope(metricsScope);
        }
        this.service = WorkflowServiceStubs.newServiceStubs(stubs.build());
        this.dataConverter = dataConverter(settings, base);
        this.client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
                .setNamespace(settings.namespace()).setDataConverter(dataConverter).build());
    }

    /**
     * Stubs and a client for {@code settings}; nothing is contacted yet (the first call connects).
     *
     * @param base the converter payloads are written with before the codec encrypts them
     */
    public static TemporalConnection open(TemporalSettings settings, DataConverter base) {
        return new TemporalConnection(settings, base, null);
    }

    /**
     * As {@link #open(TemporalSettings, DataConverter)}, the SDK's metrics (and those workflows emit)
     * reported through {@code metricsScope} ({@link io.kafkadr.temporal.metrics.Metrics#temporalScope()}).
     */
    public static TemporalConnection open(TemporalSettings settings, DataConverter base, Scope metricsScope) {
        return new TemporalConnection(settings, base, metricsScope);
    }

    public WorkflowServiceStubs service() {
        return service;
    }

    public WorkflowClient client() {
        return client;
    }

    public String namespace() {
        return settings.namespace();
    }

    public String address() {
        return settings.address();
    }

    public DataConverter dataConverter() {
        return dataConverter;
    }

    /** A schedule client on the same stubs, writing payloads with the same converter. */
    public ScheduleClient schedules() {
        return ScheduleClient.newInstance(service, ScheduleClientOptions.newBuilder()
                .setNamespace(settings.namespace()).setDataConverter(dataConverter).build());
    }

    /** Operator stubs (search attributes) with the same address, TLS and API key; the caller shuts them down. */
    public OperatorServiceStubs operatorStubs() {
        return OperatorServiceStubs.newServiceStubs(
                configure(OperatorServiceStubsOptions.newBuilder(), settings, ssl).validateAndBuildWithDefaults());
    }

    /** Target, TLS (with its server name) and API key of {@code settings} on a stubs builder. */
    static <B extends ServiceStubsOptions.Builder<B>> B configure(B builder, TemporalSettings settings, SslContext ssl) {
        builder.setTarget(settings.address());
        if (ssl != null) {
            builder.setSslContext(ssl);
        }
        settings.serverName().ifPresent(name -> builder.setChannelInitializer(channel -> channel.overrideAuthority(name)));
        settings.apiKey().ifPresent(key -> builder.addApiKey(key::value));
        return builder;
    }

    /** The stubs options {@code settings} give (for tests). */
    static WorkflowServiceStubsOptions stubsOptions(TemporalSettings settings) {
        return configure(WorkflowServiceStubsOptions.newBuilder(), settings, sslContext(settings)).build();
    }

    /**
     * {@code base}, behind the AES-GCM codec when {@code settings} have codec keys (failure messages
     * and stack traces encoded too); without keys behind a guard that explains an encrypted payload.
     */
    public static DataConverter dataConverter(TemporalSettings settings, DataConverter base) {
        return settings.codecKeys().map(keys -> codecConverter(keys, base))
                .orElseGet(() -> new CodecDataConverter(base, List.of(new EncryptedPayloadGuard()), false));
    }

    public static CodecDataConverter codecConverter(CodecKeyring keys, DataConverter base) {
        return new CodecDataConverter(base, List.of(new AesGcmPayloadCodec(keys)), true);
    }

    /** Null without TLS; built at start-up so a bad PEM fails at once, naming its setting. */
    static SslContext sslContext(TemporalSettings settings) {
        if (!settings.tls()) {
            return null;
        }
        SslContextBuilder builder = GrpcSslContexts.forClient();
        settings.serverCa().ifPresent(ca -> {
            try {
                builder.trustManager(new ByteArrayInputStream(ca.bytes()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ca.setting() + ": not a PEM certificate (" + e.getMessage()
                        + "); give the CA certificate in PEM (-----BEGIN CERTIFICATE-----)", e);
            }
        });
        if (settings.clientCert().isPresent()) {
            TemporalSettings.Pem cert = settings.clientCert().get();
            TemporalSettings.Pem key = settings.clientKey().orElseThrow();
            try {
                builder.keyManager(new ByteArrayInputStream(cert.bytes()), new ByteArrayInputStream(key.bytes()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(cert.setting() + " / " + key.setting() + ": not a PEM certificate "
                        + "and its PKCS#8 PEM private key (" + e.getMessage() + "); convert a PKCS#1 key with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'", e);
            }
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("TLS settings for Temporal do not make a TLS context: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        service.shutdown();
    }
}
