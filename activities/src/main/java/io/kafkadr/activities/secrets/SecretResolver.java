package io.kafkadr.activities.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Resolves a secret reference from a pair config into credentials, inside activities only, so
 * the values never reach workflow inputs, histories or logs.
 *
 * <p>References: {@code env:VAR} (VAR holds {@code {"username","password"}} JSON) and
 * {@code file:/path} (the same JSON in a file). AWS Secrets Manager ARNs are resolved by the
 * AWS adapter when it is configured.
 */
public class SecretResolver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, String> env;

    public SecretResolver() {
        this(System::getenv);
    }

    public SecretResolver(Function<String, String> env) {
        this.env = env;
    }

    public Credentials resolve(String ref) {
        if (ref.startsWith("env:")) {
            String name = ref.substring(4);
            String value = env.apply(name);
            if (value == null) {
                throw new IllegalArgumentException("secret reference " + ref + ": environment variable " + name
                        + " is not set on the worker; export it as {\"username\": ..., \"password\": ...}");
            }
            return parse(ref, value);
        }
        if (ref.startsWith("file:")) {
            Path file = Path.of(ref.substring(5));
            try {
                return parse(ref, Files.readString(file));
            } catch (IOException e) {
                throw new IllegalArgumentException("secret reference " + ref + ": cannot read " + file
                        + " on the worker (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new IllegalArgumentException("secret reference " + ref
                + ": this worker resolves env: and file: references; AWS Secrets Manager needs the AWS adapter");
    }

    private static Credentials parse(String ref, String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && node.hasNonNull("username") && node.hasNonNull("password")) {
                return new Credentials(node.get("username").asText(), node.get("password").asText());
            }
        } catch (IOException e) {
            // fall through: the message below must not echo the secret's text
        }
        throw new IllegalArgumentException("secret reference " + ref
                + ": expected JSON with \"username\" and \"password\"");
    }
}
