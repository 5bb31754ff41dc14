package io.kafkadr.temporal;

import io.kafkadr.temporal.codec.CodecKeyring;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolved, validated connection settings: every file is read here, so a missing or unreadable
 * one, a certificate without its key or a malformed address fails at start-up with a message
 * naming the flag and the environment variable.
 *
 * @param tls       whether the connection is TLS (set explicitly, or implied by another TLS setting or an API key)
 * @param serverCa  PEM of the CA to trust instead of the system's
 * @param clientCert PEM certificate chain for mTLS (with {@code clientKey})
 * @param apiKey    Temporal Cloud API key
 * @param codecKeys payload encryption keys; empty: payloads are not encrypted
 */
public record TemporalSettings(String address, String namespace, boolean tls, Optional<Pem> serverCa,
                               Optional<Pem> clientCert, Optional<Pem> clientKey, Optional<String> serverName,
                               Optional<Secret> apiKey, Optional<CodecKeyring> codecKeys) {

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\s\\[\\]]+):\\d{1,5}");

    /** PEM text and the setting it came from (for error messages). */
    public record Pem(String setting, byte[] bytes) {
        @Override
        public String toString() {
            return "Pem[" + setting + "]";
        }
    }

    /** A secret value whose toString never shows it. */
    public record Secret(String setting, String value) {
        @Override
        public String toString() {
            return "Secret[" + setting + "]";
        }
    }

    static TemporalSettings resolve(TemporalFlags flags, Map<String, String> env) {
        String address = firstOf(flags.address, env.get(TemporalFlags.ENV_ADDRESS)).orElseGet(flags::fallbackAddress);
        if (!HOST_PORT.matcher(address).matches()) {
            throw new IllegalArgumentException("--temporal / " + TemporalFlags.ENV_ADDRESS + " '" + address
                    + "' is not HOST:PORT (e.g. 127.0.0.1:7233, or <namespace>.<account>.tmprl.cloud:7233)");
        }
        String namespace = firstOf(flags.namespace, env.get(TemporalFlags.ENV_NAMESPACE)).orElse(TemporalFlags.DEFAULT_NAMESPACE);
        Optional<Pem> ca = pem(flags.caPath, "--tls-ca-path", TemporalFlags.ENV_CA_PATH, TemporalFlags.ENV_CA_DATA, env);
        Optional<Pem> cert = pem(flags.certPath, "--tls-cert-path", TemporalFlags.ENV_CERT_PATH, TemporalFlags.ENV_CERT_DATA, env);
        Optional<Pem> key = pem(flags.keyPath, "--tls-key-path", TemporalFlags.ENV_KEY_PATH, TemporalFlags.ENV_KEY_DATA, env);
        if (cert.isPresent() != key.isPresent()) {
            Pem given = cert.orElseGet(key::get);
            throw new IllegalArgumentException(given.setting() + " is set but " + (cert.isPresent()
                    ? "no client key: set --tls-key-path / " + TemporalFlags.ENV_KEY_PATH
                    : "no client certificate: set --tls-cert-path / " + TemporalFlags.ENV_CERT_PATH)
                    + " too (mTLS needs both)");
        }
        Optional<String> serverName = firstOf(flags.serverName, env.get(TemporalFlags.ENV_SERVER_NAME));
        Optional<Secret> apiKey = secret(flags.apiKeyFile, "--api-key-file", TemporalFlags.ENV_API_KEY, env)
                .map(v -> new Secret(flags.apiKeyFile != null ? "--api-key-file " + flags.apiKeyFile : TemporalFlags.ENV_API_KEY, v));
        boolean tls = flags.tls || bool(env, TemporalFlags.ENV_TLS) || ca.isPresent() || cert.isPresent()
                || serverName.isPresent() || apiKey.isPresent();
        Optional<CodecKeyring> codec = codecKeys(flags.codecKeysFile, env);
        return new TemporalSettings(address, namespace, tls, ca, cert, key, serverName, apiKey, codec);
    }

    /** From a path flag, else the path variable, else the data variable; both a path and data: refused. */
    private static Optional<Pem> pem(Path flag, String flagName, String pathEnv, String dataEnv, Map<String, String> env) {
        if (flag != null) {
            return Optional.of(new Pem(flagName + " " + flag, read(flag, flagName)));
        }
        Optional<String> path = nonBlank(env.get(pathEnv));
        Optional<String> data = nonBlank(env.get(dataEnv));
        if (path.isPresent() && data.isPresent()) {
            throw new IllegalArgumentException(pathEnv + " and " + dataEnv + " are both set: keep one");
        }
        if (path.isPresent()) {
            return Optional.of(new Pem(pathEnv + " " + path.get(), read(Path.of(path.get()), pathEnv)));
        }
        return data.map(d -> new Pem(dataEnv, d.getBytes(StandardCharsets.UTF_8)));
    }

    /** The keyring from --codec-keys-file, else from the file KAFKADR_CODEC_KEYS_FILE names, else KAFKADR_CODEC_KEYS itself. */
    private static Optional<CodecKeyring> codecKeys(Path flag, Map<String, String> env) {
        if (flag != null) {
            String setting = "--codec-keys-file " + flag;
            return Optional.of(CodecKeyring.parse(new String(read(flag, setting), StandardCharsets.UTF_8), setting));
        }
        Optional<String> file = nonBlank(env.get(TemporalFlags.ENV_CODEC_KEYS_FILE));
        Optional<String> inline = nonBlank(env.get(TemporalFlags.ENV_CODEC_KEYS));
        if (file.isPresent() && inline.isPresent()) {
            throw new IllegalArgumentException(TemporalFlags.ENV_CODEC_KEYS + " and " + TemporalFlags.ENV_CODEC_KEYS_FILE
                    + " are both set: keep one");
        }
        if (file.isPresent()) {
            String setting = TemporalFlags.ENV_CODEC_KEYS_FILE + " " + file.get();
            return Optional.of(CodecKeyring.parse(new String(read(Path.of(file.get()), setting), StandardCharsets.UTF_8), setting));
        }
        return inline.map(text -> CodecKeyring.parse(text, TemporalFlags.ENV_CODEC_KEYS));
    }

    /** The secret from the file a flag names, else from the environment variable. */
    private static Optional<String> secret(Path file, String flagName, String envName, Map<String, String> env) {
        if (file != null) {
            String value = new String(read(file, flagName), StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(flagName + " " + file + " is empty");
            }
            return Optional.of(value);
        }
        return nonBlank(env.get(envName)).map(String::strip);
    }

    private static byte[] read(Path file, String setting) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() != null && !e.getMessage().equals(file.toString()) ? ": " + e.getMessage() : "")
                    + "); give a readable file", e);
        }
    }

    private static boolean bool(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return false;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(name + "='" + v + "' is neither true nor false");
    }

    private static Optional<String> firstOf(String flag, String env) {
        return nonBlank(flag).or(() -> nonBlank(env));
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
