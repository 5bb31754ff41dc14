package io.kafkadr.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.temporal.serviceclient.GrpcMetadataProvider;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Which stubs options follow from which flags and environment variables, and how bad ones fail. */
class TemporalSettingsTest {

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCertificates.create(dir);
    }

    private static TemporalSettings settings(Map<String, String> env, String... args) {
        TemporalFlags flags = new TemporalFlags();
        new CommandLine(flags).parseArgs(args);
        return flags.settings(env);
    }

    private static IllegalArgumentException refused(Map<String, String> env, String... args) {
        return assertThrows(IllegalArgumentException.class, () -> {
            TemporalSettings s = settings(env, args);
            TemporalConnection.stubsOptions(s);
        });
    }

    @Test
    void plainByDefault() {
        TemporalSettings s = settings(Map.of());
        assertEquals("127.0.0.1:7233", s.address());
        assertEquals("default", s.namespace());
        assertFalse(s.tls());
        WorkflowServiceStubsOptions o = TemporalConnection.stubsOptions(s);
        assertEquals("127.0.0.1:7233", o.getTarget());
        assertNull(o.getSslContext());
        assertFalse(o.getEnableHttps());
        assertTrue(o.getGrpcMetadataProviders() == null || o.getGrpcMetadataProviders().isEmpty());
        assertTrue(s.codecKeys().isEmpty());
    }

    @Test
    void environmentUsesTheTemporalCliNamesAndFlagsWin() {
        Map<String, String> env = Map.of("TEMPORAL_ADDRESS", "ns.acct.tmprl.cloud:7233", "TEMPORAL_NAMESPACE", "ns.acct");
        TemporalSettings fromEnv = settings(env);
        assertEquals("ns.acct.tmprl.cloud:7233", fromEnv.address());
        assertEquals("ns.acct", fromEnv.namespace());
        TemporalSettings fromFlags = settings(env, "--temporal", "10.0.0.1:7233", "--namespace", "dr");
        assertEquals("10.0.0.1:7233", fromFlags.address());
        assertEquals("dr", fromFlags.namespace());
    }

    @Test
    void tlsFlagOrEnvironmentGivesTlsWithTheSystemTrustStore() {
        assertNotNull(TemporalConnection.stubsOptions(settings(Map.of(), "--tls")).getSslContext());
        assertNotNull(TemporalConnection.stubsOptions(settings(Map.of("TEMPORAL_TLS", "true"))).getSslContext());
        assertFalse(settings(Map.of("TEMPORAL_TLS", "false")).tls());
        IllegalArgumentException e = refused(Map.of("TEMPORAL_TLS", "yes please"));
        assertTrue(e.getMessage().contains("TEMPORAL_TLS"), e.getMessage());
    }

    @Test
    void caAndClientCertificateFromFlagsOrEnvironment() throws Exception {
        TemporalSettings flags = settings(Map.of(), "--tls-ca-path", certs.cert("ca").toString(),
                "--tls-cert-path", certs.cert("client").toString(), "--tls-key-path", certs.key("client").toString());
        assertTrue(flags.tls());
        assertTrue(flags.serverCa().isPresent() && flags.clientCert().isPresent() && flags.clientKey().isPresent());
        assertNotNull(TemporalConnection.stubsOptions(flags).getSslContext());

        TemporalSettings env = settings(Map.of("TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.cert("ca").toString(),
                "TEMPORAL_TLS_CLIENT_CERT_DATA", Files.readString(certs.cert("client")),
                "TEMPORAL_TLS_CLIENT_KEY_PATH", certs.key("client").toString()));
        assertTrue(env.tls());
        assertEquals("TEMPORAL_TLS_CLIENT_CERT_DATA", env.clientCert().orElseThrow().setting());
        assertNotNull(TemporalConnection.stubsOptions(env).getSslContext());
    }

    @Test
    void serverNameOverridesTheAuthority() {
        TemporalSettings s = settings(Map.of(), "--tls-server-name", "temporal.internal");
        assertTrue(s.tls());
        assertNotNull(TemporalConnection.stubsOptions(s).getChannelInitializer());
    }

    @Test
    void apiKeyTurnsTlsOnAndIsSentAsBearer() throws Exception {
        TemporalSettings env = settings(Map.of("TEMPORAL_API_KEY", "key-from-env"));
        assertTrue(env.tls());
        assertEquals("Bearer key-from-env", authorization(TemporalConnection.stubsOptions(env)));
        assertFalse(env.toString().contains("key-from-env"), env.toString());

        Path file = dir.resolve("api-key");
        Files.writeString(file, "key-from-file\n");
        TemporalSettings flag = settings(Map.of("TEMPORAL_API_KEY", "key-from-env"), "--api-key-file", file.toString());
        assertEquals("Bearer key-from-file", authorization(TemporalConnection.stubsOptions(flag)));
        assertNotNull(TemporalConnection.stubsOptions(flag).getSslContext());
    }

    private static String authorization(WorkflowServiceStubsOptions options) {
        Metadata all = new Metadata();
        for (GrpcMetadataProvider p : options.getGrpcMetadataProviders()) {
            all.merge(p.getMetadata());
        }
        return all.get(Metadata.Key.of("Authorization", Metadata.ASCII_STRING_MARSHALLER));
    }

    @Test
    void certificateWithoutKeyIsRefusedNamingBoth() {
        IllegalArgumentException e = refused(Map.of(), "--tls-cert-path", certs.cert("client").toString());
        assertTrue(e.getMessage().contains("--tls-cert-path") && e.getMessage().contains("--tls-key-path")
                && e.getMessage().contains("TEMPORAL_TLS_CLIENT_KEY_PATH"), e.getMessage());
        IllegalArgumentException k = refused(Map.of("TEMPORAL_TLS_CLIENT_KEY_PATH", certs.key("client").toString()));
        assertTrue(k.getMessage().contains("TEMPORAL_TLS_CLIENT_KEY_PATH") && k.getMessage().contains("--tls-cert-path"),
                k.getMessage());
    }

    @Test
    void unreadableFileIsRefusedNamingTheSetting() {
        Path missing = dir.resolve("no-such-ca.pem");
        IllegalArgumentException e = refused(Map.of(), "--tls-ca-path", missing.toString());
        assertTrue(e.getMessage().contains("--tls-ca-path") && e.getMessage().contains(missing.toString()), e.getMessage());
        IllegalArgumentException env = refused(Map.of("TEMPORAL_TLS_SERVER_CA_CERT_PATH", missing.toString()));
        assertTrue(env.getMessage().contains("TEMPORAL_TLS_SERVER_CA_CERT_PATH"), env.getMessage());
        IllegalArgumentException api = refused(Map.of(), "--api-key-file", missing.toString());
        assertTrue(api.getMessage().contains("--api-key-file"), api.getMessage());
    }

    @Test
    void notAPemIsRefusedNamingTheSetting() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate");
        IllegalArgumentException ca = refused(Map.of(), "--tls-ca-path", junk.toString());
        assertTrue(ca.getMessage().contains("--tls-ca-path " + junk), ca.getMessage());
        IllegalArgumentException key = refused(Map.of(), "--tls-cert-path", certs.cert("client").toString(),
                "--tls-key-path", junk.toString());
        assertTrue(key.getMessage().contains("--tls-key-path " + junk) && key.getMessage().contains("PKCS#8"), key.getMessage());
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheConversionThatFixesIt() throws Exception {
        Path pkcs1 = dir.resolve("client-pkcs1.key");
        Path pkcs8 = dir.resolve("client-pkcs8.key");
        TestCertificates.openssl("rsa", "-in", certs.key("client").toString(), "-traditional", "-out", pkcs1.toString());
        assertTrue(Files.readString(pkcs1).contains("BEGIN RSA PRIVATE KEY"));
        IllegalArgumentException e = refused(Map.of(), "--tls-cert-path", certs.cert("client").toString(),
                "--tls-key-path", pkcs1.toString());
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
        // the README's conversion
        TestCertificates.openssl("pkcs8", "-topk8", "-nocrypt", "-in", pkcs1.toString(), "-out", pkcs8.toString());
        assertNotNull(TemporalConnection.stubsOptions(settings(Map.of(), "--tls-cert-path", certs.cert("client").toString(),
                "--tls-key-path", pkcs8.toString())).getSslContext());
    }

    @Test
    void pathAndDataTogetherAreRefused() {
        IllegalArgumentException e = refused(Map.of("TEMPORAL_TLS_SERVER_CA_CERT_PATH", certs.cert("ca").toString(),
                "TEMPORAL_TLS_SERVER_CA_CERT_DATA", "x"));
        assertTrue(e.getMessage().contains("TEMPORAL_TLS_SERVER_CA_CERT_PATH and TEMPORAL_TLS_SERVER_CA_CERT_DATA"), e.getMessage());
    }

    @Test
    void malformedAddressIsRefused() {
        IllegalArgumentException e = refused(Map.of("TEMPORAL_ADDRESS", "http://temporal:7233"));
        assertTrue(e.getMessage().contains("TEMPORAL_ADDRESS") && e.getMessage().contains("HOST:PORT"), e.getMessage());
        assertEquals("[::1]:7233", settings(Map.of(), "--temporal", "[::1]:7233").address());
    }

    @Test
    void codecKeysFromFileOrEnvironmentNotBoth() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Path file = dir.resolve("codec-keys");
        Files.writeString(file, "# current first\nk2:" + key + "\nk1:" + key + "\n");
        assertEquals("k2", settings(Map.of(), "--codec-keys-file", file.toString()).codecKeys().orElseThrow().currentKeyId());
        assertEquals("k2", settings(Map.of("KAFKADR_CODEC_KEYS_FILE", file.toString())).codecKeys().orElseThrow().currentKeyId());
        TemporalSettings inline = settings(Map.of("KAFKADR_CODEC_KEYS", "a:" + key + ",b:" + key));
        assertEquals(java.util.Set.of("a", "b"), inline.codecKeys().orElseThrow().keys().keySet());
        assertFalse(inline.toString().contains(key), inline.toString());
        Map<String, String> both = new HashMap<>(Map.of("KAFKADR_CODEC_KEYS", "a:" + key, "KAFKADR_CODEC_KEYS_FILE", file.toString()));
        IllegalArgumentException e = refused(both);
        assertTrue(e.getMessage().contains("KAFKADR_CODEC_KEYS and KAFKADR_CODEC_KEYS_FILE"), e.getMessage());
        IllegalArgumentException bad = refused(Map.of("KAFKADR_CODEC_KEYS", "a:" + Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(bad.getMessage().contains("KAFKADR_CODEC_KEYS") && bad.getMessage().contains("16 bytes"), bad.getMessage());
    }
}
