package io.kafkadr.activities.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Resolves a secret reference from a pair config into credentials, inside activities only, so
 * the values never reach workflow inputs, histories or logs.
 *
 * <p>References: {@code env:VAR} (VAR holds {@code {"username","password"}} JSON),
 * {@code file:/path} (the same JSON in a file) and {@code aws-secretsmanager:<arn>} (the same JSON
 * as the secret's string, read with the worker's AWS credentials). Secrets Manager answers are
 * kept for {@link #AWS_TTL}, so a worker does not call it for every Kafka client it creates; a
 * rotated password is read within that time.
 */
public class SecretResolver {

    /** How long an answer of Secrets Manager serves. */
    public static final Duration AWS_TTL = Duration.ofMinutes(5);
    private static final String AWS_PREFIX = "aws-secretsmanager:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, String> env;
    private final Function<String, String> aws;
    private final LongSupplier nanoTime;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Credentials credentials, long readAtNanos) {
    }

    /** The worker's resolver: its environment, its files, AWS Secrets Manager with the default credential chain. */
    public SecretResolver() {
        this(System::getenv, new AwsSecretsManager()::secretString, System::nanoTime);
    }

    /** Resolves env: from {@code env}; AWS references fail (tests without AWS). */
    public SecretResolver(Function<String, String> env) {
        this(env, arn -> {
            throw new IllegalArgumentException("secret reference " + AWS_PREFIX + arn + ": no AWS Secrets Manager "
                    + "configured here");
        }, System::nanoTime);
    }

    /** {@code aws}: the secret string of a Secrets Manager ARN. */
    public SecretResolver(Function<String, String> env, Function<String, String> aws, LongSupplier nanoTime) {
        this.env = env;
        this.aws = aws;
        this.nanoTime = nanoTime;
    }

    public Credentials resolve(String ref) {
        return resolve(ref, true);
    }

    /** A password alone (a truststore's): the reference holds {@code {"password": ...}}. */
    public String password(String ref) {
        return resolve(ref, false).password();
    }

    private Credentials resolve(String ref, boolean withUsername) {
        if (ref.startsWith("env:")) {
            String name = ref.substring(4);
            String value = env.apply(name);
            if (value == null) {
                throw new IllegalArgumentException("secret reference " + ref + ": environment variable " + name
                        + " is not set on the worker; export it as " + expected(withUsername));
            }
            return parse(ref, value, withUsername);
        }
        if (ref.startsWith("file:")) {
            Path file = Path.of(ref.substring(5));
            try {
                return parse(ref, Files.readString(file), withUsername);
            } catch (IOException e) {
                throw new IllegalArgumentException("secret reference " + ref + ": cannot read " + file
                        + " on the worker (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (ref.startsWith(AWS_PREFIX)) {
            Cached cached = cache.get(ref);
            if (cached != null && nanoTime.getAsLong() - cached.readAtNanos() < AWS_TTL.toNanos()) {
                return cached.credentials();
            }
            Credentials c = parse(ref, aws.apply(ref.substring(AWS_PREFIX.length())), withUsername);
            cache.put(ref, new Cached(c, nanoTime.getAsLong()));
            return c;
        }
        throw new IllegalArgumentException("secret reference " + ref
                + ": this worker resolves env:, file: and aws-secretsmanager: references");
    }

    private static Credentials parse(String ref, String json, boolean withUsername) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && node.hasNonNull("password") && (node.hasNonNull("username") || !withUsername)) {
                return new Credentials(node.path("username").asText(null), node.get("password").asText());
            }
        } catch (IOException e) {
            // fall through: the message below must not echo the secret's text
        }
        throw new IllegalArgumentException("secret reference " + ref + ": expected " + expected(withUsername));
    }

    private static String expected(boolean withUsername) {
        return withUsername ? "JSON with \"username\" and \"password\"" : "JSON with \"password\"";
    }
}
