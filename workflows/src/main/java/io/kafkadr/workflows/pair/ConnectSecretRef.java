package io.kafkadr.workflows.pair;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Connect workers read a cluster's secrets, as a reference their config providers
 * resolve when a connector starts: MM2's connector configs (and so Connect's config topic and
 * {@code GET /connectors/{name}/config}) hold {@code ${provider:path:key}}, never the value.
 *
 * <p>Forms, each naming the provider the Connect workers must declare under that name
 * ({@code config.providers=file,dir,env}):
 * <ul>
 *   <li>{@code file:/path} — a properties file on every Connect worker, keys {@value #USERNAME},
 *       {@value #PASSWORD}, {@value #TRUSTSTORE_PASSWORD}; Kafka's {@code FileConfigProvider}</li>
 *   <li>{@code dir:/path} — a folder with one file per key (a mounted Kubernetes or Docker secret);
 *       Kafka's {@code DirectoryConfigProvider}</li>
 *   <li>{@code env:PREFIX} — environment variables {@code PREFIX_USERNAME}, {@code PREFIX_PASSWORD},
 *       {@code PREFIX_TRUSTSTORE_PASSWORD} of every Connect worker; Kafka's {@code EnvVarConfigProvider}</li>
 * </ul>
 */
public record ConnectSecretRef(String provider, String path) {

    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String TRUSTSTORE_PASSWORD = "truststore.password";
    /** What a Connect worker declares to resolve these references (and what the local stack's workers declare). */
    public static final String WORKER_PROVIDERS = String.join("\n",
            "config.providers=file,dir,env",
            "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
            "config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider",
            "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    public static final String FORMS = "'file:/path' (a properties file on every Connect worker), 'dir:/path' (a folder "
            + "of one file per key) or 'env:PREFIX' (variables PREFIX_USERNAME, PREFIX_PASSWORD)";

    private static final Pattern FORM = Pattern.compile("(file|dir):(.+)|env:([A-Za-z_][A-Za-z0-9_]*)");

    /** The reference of a pair config, if it has one of the forms above. */
    public static Optional<ConnectSecretRef> parse(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(ref);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(3) != null ? new ConnectSecretRef("env", m.group(3))
                : new ConnectSecretRef(m.group(1), m.group(2)));
    }

    /** The placeholder a Connect worker replaces with the value of {@code key}. */
    public String placeholder(String key) {
        if (provider.equals("env")) {
            return "${env:" + path + "_" + key.replace('.', '_').toUpperCase(Locale.ROOT) + "}";
        }
        return "${" + provider + ":" + path + ":" + key + "}";
    }
}
