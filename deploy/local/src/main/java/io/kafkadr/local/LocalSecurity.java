package io.kafkadr.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;

/**
 * The secure local stack ({@code drctl local up --secure}): a private CA and the brokers'
 * certificate made with the JDK's {@code keytool} at first start, a SCRAM-SHA-512 user per role
 * with a random password, and the ACLs each role needs under KRaft's {@code StandardAuthorizer}.
 * Everything lives under {@code .local/security/} (files readable by the owner only):
 * <ul>
 *   <li>{@code ca.pem} — the CA every client trusts; {@code broker.p12} — the brokers' key and certificate</li>
 *   <li>{@code passwords/<user>} — one password per principal, generated once</li>
 *   <li>{@code kafka-dr.json} — the orchestrator's credentials (the pair's {@code secretRef})</li>
 *   <li>{@code connect/mm2.properties} — MM2's, read by the Connect workers' {@code FileConfigProvider}
 *       (the pair's {@code connectSecretRef})</li>
 *   <li>{@code clients/<user>.properties} — a sample app's client settings</li>
 * </ul>
 */
public final class LocalSecurity {

    public static final String MECHANISM = "SCRAM-SHA-512";
    /** Super user: inter-broker traffic, the controller (its certificate's CN), and the stack's own set-up. */
    public static final String BROKER = "broker";
    /** MM2: the Connect workers and MM2's clients. */
    public static final String MM2 = "mm2";
    /** kafka-dr's worker (the orchestrator). */
    public static final String ORCHESTRATOR = "kafka-dr";
    private static final int SCRAM_ITERATIONS = 8192;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StackLayout layout;

    public LocalSecurity(StackLayout layout) {
        this.layout = layout;
    }

    public Path root() {
        return layout.root().resolve("security").toAbsolutePath();
    }

    private Path marker() {
        return root().resolve("enabled");
    }

    /** Whether this stack was created secure (by {@code up --secure}; {@code local reset} forgets it). */
    public boolean enabled() {
        return Files.exists(marker());
    }

    public Path caPem() {
        return root().resolve("ca.pem");
    }

    Path brokerKeystore() {
        return root().resolve("broker.p12");
    }

    public Path orchestratorSecret() {
        return root().resolve(ORCHESTRATOR + ".json");
    }

    public Path connectSecrets() {
        return root().resolve("connect").resolve(MM2 + ".properties");
    }

    /** Creates what is missing: CA, broker keystore, passwords, secret files. Idempotent. */
    public void ensure() {
        try {
            Files.createDirectories(root().resolve("passwords"));
            Files.createDirectories(root().resolve("connect"));
            Files.createDirectories(root().resolve("clients"));
            if (!Files.exists(brokerKeystore())) {
                certificates();
            }
            writePrivate(orchestratorSecret(), new ObjectMapper().writeValueAsString(
                    Map.of("username", ORCHESTRATOR, "password", password(ORCHESTRATOR))));
            writePrivate(connectSecrets(), "username=" + MM2 + "\npassword=" + password(MM2) + "\n");
            if (!enabled()) {
                Files.writeString(marker(), "created by drctl local up --secure\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root(), e);
        }
    }

    /** The password of {@code user}, generated at its first use and kept in {@code passwords/<user>}. */
    public String password(String user) {
        Path file = root().resolve("passwords").resolve(user);
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[18];
                RANDOM.nextBytes(bytes);
                // URL-safe base64 without padding: letters, digits, '-' and '_', nothing JAAS must quote
                writePrivate(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password of " + user + " in " + file, e);
        }
    }

    /** Every password of the stack, by user (for the secret scan). */
    public Map<String, String> passwords() {
        Map<String, String> all = new LinkedHashMap<>();
        try (var files = Files.list(root().resolve("passwords"))) {
            files.sorted().forEach(f -> all.put(f.getFileName().toString(), password(f.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.put("keystores", storePassword());
        return all;
    }

    String storePassword() {
        return password("_keystores");
    }

    /** Client settings of {@code user} (SASL_SSL, SCRAM-SHA-512, the local CA). */
    public Map<String, Object> clientProps(String user) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaas(user, password(user)));
        props.put("ssl.truststore.type", "PEM");
        props.put("ssl.truststore.location", caPem().toString());
        return props;
    }

    /** {@link #clientProps} written as a properties file for a sample app; its path. */
    public Path clientConfig(String user) {
        Path file = root().resolve("clients").resolve(user + ".properties");
        StringBuilder text = new StringBuilder();
        clientProps(user).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        writePrivate(file, text.toString());
        return file;
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The broker's listeners, TLS, SASL and authorizer settings. */
    List<String> brokerProperties(int port, int controllerPort) {
        String store = storePassword();
        return List.of(
                "listeners=SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=SASL_SSL://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=SASL_SSL",
                // the controller listener: TLS with client certificates (no SCRAM on KRaft controllers);
                // the brokers' certificate (CN=broker) maps to User:broker
                "listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL",
                "listener.name.controller.ssl.client.auth=required",
                "ssl.principal.mapping.rules=RULE:^CN=([^,]+)$/$1/,DEFAULT",
                "sasl.enabled.mechanisms=" + MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=" + jaas(BROKER, password(BROKER)),
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + brokerKeystore(),
                "ssl.keystore.password=" + store,
                "ssl.key.password=" + store,
                "ssl.truststore.type=PEM",
                "ssl.truststore.location=" + caPem(),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + BROKER,
                "allow.everyone.if.no.acl.found=false");
    }

    /**
     * {@code kafka-storage format --add-scram}: the broker's own SCRAM credential, in the metadata
     * log before the first start (the inter-broker listener needs it to come up), as a salted
     * password so that no password is on a command line.
     */
    List<String> formatArguments() {
        try {
            ScramFormatter formatter = new ScramFormatter(org.apache.kafka.common.security.scram.internals.ScramMechanism.SCRAM_SHA_512);
            byte[] salt = formatter.secureRandomBytes();
            byte[] salted = formatter.saltedPassword(password(BROKER), salt, SCRAM_ITERATIONS);
            Base64.Encoder b64 = Base64.getEncoder();
            return List.of("--add-scram", MECHANISM + "=[name=" + BROKER + ",iterations=" + SCRAM_ITERATIONS
                    + ",salt=\"" + b64.encodeToString(salt) + "\",saltedpassword=\"" + b64.encodeToString(salted) + "\"]");
        } catch (java.security.NoSuchAlgorithmException | java.security.InvalidKeyException e) {
            throw new IllegalStateException("cannot salt the broker's SCRAM password: " + e.getMessage(), e);
        }
    }

    /** A Connect worker's settings: SASL_SSL as MM2 for itself, its producers, consumers and admin clients. */
    List<String> connectProperties() {
        List<String> lines = new ArrayList<>(List.of(
                "config.providers=file,dir,env",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
                "config.providers.file.param.allowed.paths=" + root(),
                "config.providers.dir.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider",
                "config.providers.dir.param.allowed.paths=" + root(),
                "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider"));
        String secrets = connectSecrets().toString();
        Map<String, String> client = Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaas("${file:" + secrets + ":username}", "${file:" + secrets + ":password}"),
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", caPem().toString());
        for (String prefix : List.of("", "producer.", "consumer.", "admin.")) {
            client.forEach((k, v) -> lines.add(prefix + k + "=" + v));
        }
        return lines;
    }

    /** The cluster security a pair gives to reach this stack (the {@code security} of {@code stack.json}). */
    public Map<String, Object> pairSecurity() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("protocol", "SASL_SSL");
        s.put("saslMechanism", MECHANISM);
        s.put("secretRef", "file:" + orchestratorSecret());
        s.put("connectSecretRef", "file:" + connectSecrets());
        s.put("mm2Principal", "User:" + MM2);
        s.put("tls", Map.of("caFile", caPem().toString()));
        return s;
    }

    /**
     * SCRAM users and ACLs on one cluster, as its super user: MM2, the orchestrator, and the sample
     * apps {@code apps} (principal name to its grants). Idempotent: credentials are upserted, an
     * ACL that exists is kept.
     */
    void provision(Admin admin, List<AclBinding> appAcls, List<String> appUsers) throws Exception {
        List<String> users = new ArrayList<>(List.of(MM2, ORCHESTRATOR));
        users.addAll(appUsers);
        List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> upserts = users.stream()
                .map(u -> (org.apache.kafka.clients.admin.UserScramCredentialAlteration) new UserScramCredentialUpsertion(u,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password(u)))
                .toList();
        admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        List<AclBinding> acls = new ArrayList<>(roleAcls());
        acls.addAll(appAcls);
        admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    }

    /** MM2's and the orchestrator's grants (the README's table). */
    static List<AclBinding> roleAcls() {
        List<AclBinding> acls = new ArrayList<>();
        // MM2 (Connect workers and MM2's clients): reads source topics, creates and writes the copies and
        // its own internal topics, syncs topic configs, reads groups and writes their synced offsets
        for (AclOperation op : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS)) {
            acls.add(allow(MM2, ResourceType.TOPIC, "*", PatternType.LITERAL, op));
        }
        acls.add(allow(MM2, ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.READ));
        acls.add(allow(MM2, ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.DESCRIBE));
        acls.add(allow(MM2, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.DESCRIBE));
        // the orchestrator: topics (match, create, delete in a failback, read for scans and salvage, write
        // quarantines), groups (offsets), its quarantine transactions, the cluster (describe, and ALTER for
        // the write fence's ACLs)
        acls.add(allow(ORCHESTRATOR, ResourceType.TOPIC, "*", PatternType.LITERAL, AclOperation.ALL));
        acls.add(allow(ORCHESTRATOR, ResourceType.GROUP, "*", PatternType.LITERAL, AclOperation.ALL));
        acls.add(allow(ORCHESTRATOR, ResourceType.TRANSACTIONAL_ID, "*", PatternType.LITERAL, AclOperation.ALL));
        for (AclOperation op : List.of(AclOperation.DESCRIBE, AclOperation.ALTER, AclOperation.DESCRIBE_CONFIGS)) {
            acls.add(allow(ORCHESTRATOR, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, op));
        }
        return acls;
    }

    /** A sample producer: writes (and describes) its topic, nothing else. */
    static List<AclBinding> producerAcls(String user, String topic) {
        return List.of(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE),
                allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
    }

    /** A sample consumer: reads its topic as its group, nothing else. */
    static List<AclBinding> consumerAcls(String user, String topic, String group) {
        return List.of(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ),
                allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE),
                allow(user, ResourceType.GROUP, group, PatternType.LITERAL, AclOperation.READ));
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", op, AclPermissionType.ALLOW));
    }

    /** CA, broker key pair signed by it (SAN 127.0.0.1, localhost), a PKCS12 truststore beside the PEM. */
    private void certificates() throws IOException {
        Path ca = root().resolve("ca.p12");
        Path csr = root().resolve("broker.csr");
        Path crt = root().resolve("broker.crt");
        String san = "SAN=ip:127.0.0.1,dns:localhost";
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=kafka-dr local CA", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650", "-ext", "bc:c", "-storetype", "PKCS12", "-keystore", ca.toString(), "-storepass:env", "KS");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass:env", "KS",
                "-file", caPem().toString());
        keytool("-genkeypair", "-alias", "broker", "-dname", "CN=broker", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "3650", "-ext", san, "-storetype", "PKCS12", "-keystore", brokerKeystore().toString(),
                "-storepass:env", "KS");
        keytool("-certreq", "-alias", "broker", "-keystore", brokerKeystore().toString(), "-storepass:env", "KS",
                "-file", csr.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass:env", "KS", "-infile", csr.toString(),
                "-outfile", crt.toString(), "-rfc", "-validity", "3650", "-ext", san,
                "-ext", "ku:c=digitalSignature,keyEncipherment", "-ext", "eku=serverAuth,clientAuth");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem().toString(),
                "-keystore", brokerKeystore().toString(), "-storepass:env", "KS");
        keytool("-importcert", "-alias", "broker", "-file", crt.toString(), "-keystore", brokerKeystore().toString(),
                "-storepass:env", "KS");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem().toString(), "-storetype", "PKCS12",
                "-keystore", root().resolve("truststore.p12").toString(), "-storepass:env", "KS");
        Files.deleteIfExists(csr);
        Files.deleteIfExists(crt);
    }

    /** The JDK's keytool; store passwords through the environment ({@code -storepass:env}), never the command line. */
    private void keytool(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KS", storePassword());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool");
        }
    }

    private static void writePrivate(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
