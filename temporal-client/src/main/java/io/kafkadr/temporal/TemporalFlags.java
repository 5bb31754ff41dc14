package io.kafkadr.temporal;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the worker and drctl reach Temporal: each setting is a flag or the environment variable
 * the Temporal CLI reads for the same thing, so one environment serves both (flag first, then
 * environment, then default). Secrets (the API key, codec keys) are never flags: a flag names a
 * file, the environment may hold the value.
 */
public class TemporalFlags {

    public static final String ENV_ADDRESS = "TEMPORAL_ADDRESS";
    public static final String ENV_NAMESPACE = "TEMPORAL_NAMESPACE";
    public static final String ENV_TLS = "TEMPORAL_TLS";
    public static final String ENV_CA_PATH = "TEMPORAL_TLS_SERVER_CA_CERT_PATH";
    public static final String ENV_CA_DATA = "TEMPORAL_TLS_SERVER_CA_CERT_DATA";
    public static final String ENV_CERT_PATH = "TEMPORAL_TLS_CLIENT_CERT_PATH";
    public static final String ENV_CERT_DATA = "TEMPORAL_TLS_CLIENT_CERT_DATA";
    public static final String ENV_KEY_PATH = "TEMPORAL_TLS_CLIENT_KEY_PATH";
    public static final String ENV_KEY_DATA = "TEMPORAL_TLS_CLIENT_KEY_DATA";
    public static final String ENV_SERVER_NAME = "TEMPORAL_TLS_SERVER_NAME";
    public static final String ENV_API_KEY = "TEMPORAL_API_KEY";
    public static final String ENV_CODEC_KEYS = "KAFKADR_CODEC_KEYS";
    public static final String ENV_CODEC_KEYS_FILE = "KAFKADR_CODEC_KEYS_FILE";
    public static final String DEFAULT_NAMESPACE = "default";

    @Option(names = "--temporal", paramLabel = "HOST:PORT",
            description = "Temporal frontend (env " + ENV_ADDRESS + "; default: the local stack's, else 127.0.0.1:7233)")
    String address;

    @Option(names = "--namespace", description = "Temporal namespace (env " + ENV_NAMESPACE + "; default: " + DEFAULT_NAMESPACE + ")")
    String namespace;

    @Option(names = "--tls", description = "TLS to Temporal, server trusted by the system's CAs (env " + ENV_TLS
            + "=true); implied by any other TLS setting and by an API key")
    boolean tls;

    @Option(names = "--tls-ca-path", paramLabel = "PEM",
            description = "CA that signed the Temporal server's certificate (env " + ENV_CA_PATH + ", or the PEM itself in " + ENV_CA_DATA + ")")
    Path caPath;

    @Option(names = "--tls-cert-path", paramLabel = "PEM",
            description = "Client certificate for mTLS, with --tls-key-path (env " + ENV_CERT_PATH + ", or " + ENV_CERT_DATA + ")")
    Path certPath;

    @Option(names = "--tls-key-path", paramLabel = "PEM",
            description = "Client private key for mTLS, PKCS#8 PEM (env " + ENV_KEY_PATH + ", or " + ENV_KEY_DATA + ")")
    Path keyPath;

    @Option(names = "--tls-server-name", paramLabel = "NAME",
            description = "Name the server's certificate must carry, when it differs from the address's host (env " + ENV_SERVER_NAME + ")")
    String serverName;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "File holding a Temporal Cloud API key, sent as 'Authorization: Bearer'; turns TLS on "
                    + "(env " + ENV_API_KEY + " holds the key itself)")
    Path apiKeyFile;

    @Option(names = "--codec-keys-file", paramLabel = "FILE",
            description = "Encrypt payloads (AES-256-GCM) with the keys in FILE, one '<id>:<base64 key>' a line, the current "
                    + "key first (env " + ENV_CODEC_KEYS_FILE + ", or the keys themselves in " + ENV_CODEC_KEYS + "); off when unset")
    Path codecKeysFile;

    /** Address when neither --temporal nor TEMPORAL_ADDRESS is given. */
    protected String fallbackAddress() {
        return "127.0.0.1:7233";
    }

    /** The settings from these flags and the process environment; throws IllegalArgumentException naming a bad setting. */
    public TemporalSettings settings() {
        return settings(System.getenv());
    }

    public TemporalSettings settings(Map<String, String> env) {
        return TemporalSettings.resolve(this, env);
    }
}
