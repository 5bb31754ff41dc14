package io.kafkadr.workflows.pair;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a parsed pair for everything that would otherwise fail late, deep inside MM2 or a
 * client. Pure: no I/O, so workflows may call it on input typed by hand.
 */
public final class PairValidator {

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._\\-\\[\\]:]+:\\d{1,5}");
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Pattern SECRET_REF = Pattern.compile("(env:[A-Za-z_][A-Za-z0-9_]*|file:.+|aws-secretsmanager:arn:.+)");

    private PairValidator() {
    }

    /** Returns the validated pair, or throws with every problem found. */
    public static PairConfig validate(PairConfig pair, String source) {
        List<String> problems = problems(pair);
        if (!problems.isEmpty()) {
            throw new PairConfigException(source, problems);
        }
        return pair;
    }

    public static List<String> problems(PairConfig pair) {
        List<String> p = new ArrayList<>();
        if (pair == null) {
            return List.of("the pair is empty: give name, primary, secondary, clusters and topics");
        }
        if (blank(pair.name()) || !ALIAS.matcher(pair.name()).matches()) {
            p.add("name: required, letters, digits, '-' and '_' only (got '" + pair.name() + "')");
        }
        checkClusters(pair, p);
        checkTopics(pair.topics(), p);
        checkClients(pair, p);
        checkDrill(pair, p);
        String policy = pair.replication().policy();
        if (!ReplicationSettings.IDENTITY.equals(policy) && !ReplicationSettings.PREFIX.equals(policy)) {
            p.add("replication.policy: must be 'identity' or 'prefix' (got '" + policy + "')");
        }
        Integer maxTasks = pair.replication().maxTasks();
        if (maxTasks != null && maxTasks < 0) {
            p.add("replication.maxTasks: must be >= 0 (0: one MM2 task per partition, absent: "
                    + ReplicationSettings.DEFAULT_MAX_TASKS + "), got " + maxTasks);
        }
        nonNegative("replication.producerBatchBytes", pair.replication().producerBatchBytes(), p);
        nonNegative("replication.producerLingerMs", pair.replication().producerLingerMs(), p);
        FailoverSettings f = pair.failover();
        if (f.groupConcurrency() != null && f.groupConcurrency() < 1) {
            p.add("failover.groupConcurrency: at least 1 (got " + f.groupConcurrency() + "); leave it out for the default "
                    + FailoverSettings.GROUP_CONCURRENCY_DEFAULT);
        }
        if (f.failbackGroupConcurrency() != null && f.failbackGroupConcurrency() < 1) {
            p.add("failover.failbackGroupConcurrency: at least 1 (got " + f.failbackGroupConcurrency()
                    + "); leave it out for the default " + FailoverSettings.FAILBACK_GROUP_CONCURRENCY_DEFAULT);
        }
        checkObjectives(pair.objectives(), p);
        Thresholds t = pair.thresholds();
        if (t.countToleranceRecords() < 0 || t.maxLagRecords() < 0) {
            p.add("thresholds: countToleranceRecords and maxLagRecords must be >= 0");
        }
        return p;
    }

    /** Absent (null) means kafka-dr's default; a value must be >= 0. */
    private static void nonNegative(String key, Integer value, List<String> p) {
        if (value != null && value < 0) {
            p.add(key + ": must be >= 0, or left out for kafka-dr's default (got " + value + ")");
        }
    }

    private static void checkObjectives(Objectives o, List<String> p) {
        if (o.hasRto() && o.rtoSeconds() < 0) {
            p.add("objectives.rtoSeconds: must be >= 0 (the longest acceptable failover, in seconds), or left out for "
                    + "no RTO objective (got " + o.rtoSeconds() + ")");
        }
        if (o.hasRpoSeconds() && o.rpoSeconds() < 0) {
            p.add("objectives.rpoSeconds: must be >= 0 (the most seconds of replication lag the pair accepts), or left "
                    + "out for no lag objective (got " + o.rpoSeconds() + ")");
        }
        if (o.hasRpo() && o.rpoRecords() < 0) {
            p.add("objectives.rpoRecords: must be >= 0 (the most records a failover may lose), or left out for no RPO "
                    + "objective (got " + o.rpoRecords() + ")");
        }
    }

    private static void checkClusters(PairConfig pair, List<String> p) {
        if (pair.clusters() == null || pair.clusters().isEmpty()) {
            p.add("clusters: required, a list of two clusters with alias and bootstrapServers");
            return;
        }
        Set<String> aliases = new HashSet<>();
        for (int i = 0; i < pair.clusters().size(); i++) {
            ClusterConfig c = pair.clusters().get(i);
            String at = "clusters[" + i + "]";
            if (c == null) {
                p.add(at + ": empty entry");
                continue;
            }
            if (blank(c.alias()) || !ALIAS.matcher(c.alias()).matches()) {
                p.add(at + ".alias: required, letters, digits, '-' and '_' only (got '" + c.alias() + "')");
            } else if (!aliases.add(c.alias())) {
                p.add(at + ".alias: duplicate alias '" + c.alias() + "': every cluster needs its own alias");
            }
            checkBootstrap(at, c.bootstrapServers(), p);
            if (blank(c.connectUrl()) || !(c.connectUrl().startsWith("http://") || c.connectUrl().startsWith("https://"))) {
                p.add(at + ".connectUrl: required, the REST URL of the Connect group next to this cluster, "
                        + "e.g. http://127.0.0.1:8083 (got '" + c.connectUrl() + "')");
            } else {
                checkConnectAccess(at, c, p);
            }
            checkSecurity(at, c.security(), p);
        }
        checkRole("primary", pair.primary(), aliases, p);
        checkRole("secondary", pair.secondary(), aliases, p);
        if (!blank(pair.primary()) && pair.primary().equals(pair.secondary())) {
            p.add("primary and secondary name the same cluster '" + pair.primary() + "': they must differ");
        }
    }

    private static void checkRole(String role, String alias, Set<String> aliases, List<String> p) {
        if (blank(alias)) {
            p.add(role + ": required, the alias of one of the clusters " + aliases);
        } else if (!aliases.contains(alias)) {
            p.add(role + ": no cluster has alias '" + alias + "' (known: " + aliases + ")");
        }
    }

    private static void checkBootstrap(String at, String servers, List<String> p) {
        if (blank(servers)) {
            p.add(at + ".bootstrapServers: required, e.g. 127.0.0.1:19092");
            return;
        }
        for (String server : servers.split(",")) {
            String s = server.trim();
            if (!HOST_PORT.matcher(s).matches() || port(s) < 1 || port(s) > 65535) {
                p.add(at + ".bootstrapServers: '" + s + "' is not host:port (e.g. b-1.msk.example:9096)");
            }
        }
    }

    private static int port(String hostPort) {
        try {
            return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void checkSecurity(String at, SecurityConfig s, List<String> p) {
        if (s == null) {
            return;
        }
        if (!PROTOCOLS.contains(s.protocol())) {
            p.add(at + ".security.protocol: one of " + PROTOCOLS + " (got '" + s.protocol() + "')");
        }
        if (s.usesSasl()) {
            Optional<SaslMechanism> mechanism = SaslMechanism.of(s.saslMechanism());
            if (blank(s.saslMechanism())) {
                p.add(at + ".security: " + s.protocol() + " needs saslMechanism, one of " + SaslMechanism.names());
            } else if (mechanism.isEmpty()) {
                p.add(at + ".security.saslMechanism: one of " + SaslMechanism.names() + " (got '" + s.saslMechanism()
                        + "'; OAUTHBEARER and GSSAPI are not supported)");
            } else if (mechanism.get().needsSecret() && blank(s.secretRef())) {
                p.add(at + ".security: " + s.saslMechanism() + " needs secretRef (where its username and password live)");
            } else if (!mechanism.get().needsSecret() && !blank(s.secretRef())) {
                p.add(at + ".security: " + s.saslMechanism() + " takes no secretRef: it signs with the AWS credentials "
                        + "of the worker and of each Connect worker (their default credential chain)");
            }
            if (mechanism.filter(m -> m == SaslMechanism.AWS_MSK_IAM).isPresent() && !"SASL_SSL".equals(s.protocol())) {
                p.add(at + ".security.protocol: AWS_MSK_IAM needs SASL_SSL (MSK's IAM listener, port 9098)");
            }
        } else if (!blank(s.saslMechanism())) {
            p.add(at + ".security.saslMechanism: only with a SASL protocol (got protocol " + s.protocol() + ")");
        }
        if (!blank(s.secretRef())) {
            checkSecretRef(at + ".security.secretRef", s.secretRef(), p);
        }
        checkTls(at, s, p);
        if (!blank(s.connectSecretRef()) && ConnectSecretRef.parse(s.connectSecretRef()).isEmpty()) {
            p.add(at + ".security.connectSecretRef: " + ConnectSecretRef.FORMS + " (a reference the Connect workers' "
                    + "config providers resolve, never the secret itself; got '" + s.connectSecretRef() + "')");
        } else if (blank(s.connectSecretRef()) && s.connectNeedsSecrets()) {
            p.add(at + ".security: connectSecretRef required: where the Connect workers read this cluster's "
                    + (s.usesPassword() ? "username and password" : "truststore password") + " for MM2, "
                    + ConnectSecretRef.FORMS + "; MM2's connector configs carry that reference, never the value");
        }
    }

    private static void checkSecretRef(String key, String ref, List<String> p) {
        if (!SECRET_REF.matcher(ref).matches()) {
            p.add(key + ": 'env:VAR', 'file:/path' or 'aws-secretsmanager:arn:...' (a reference, never the secret "
                    + "itself)");
        }
    }

    /** connectTls and connectAuth, on a cluster whose connectUrl is an http(s) URL. */
    private static void checkConnectAccess(String at, ClusterConfig c, List<String> p) {
        boolean https = c.connectUrl().startsWith("https://");
        String authority = c.connectUrl().substring(c.connectUrl().indexOf("://") + 3).split("[/?#]", 2)[0];
        if (authority.contains("@")) {
            // not echoed: it may hold a password
            p.add(at + ".connectUrl: carries a login (user:password@host); give the URL without it and the login "
                    + "as connectAuth.secretRef (a reference, never the secret itself)");
        }
        if (c.connectTls() != null) {
            if (blank(c.connectTls().caFile())) {
                p.add(at + ".connectTls.caFile: required, a PEM file on the worker with the CA certificate(s) that "
                        + "signed Connect's REST certificate; leave connectTls out to trust the JVM's default CAs");
            } else if (!https) {
                p.add(at + ".connectTls: a CA is given but connectUrl '" + c.connectUrl() + "' is not https; "
                        + "use https:// (Connect's listeners=https://...) or leave connectTls out");
            }
        }
        if (c.connectAuth() != null) {
            if (blank(c.connectAuth().secretRef())) {
                p.add(at + ".connectAuth.secretRef: required, where the username and password for Connect's REST API "
                        + "live ('env:VAR', 'file:/path' or 'aws-secretsmanager:arn:...', JSON {\"username\", "
                        + "\"password\"})");
            } else {
                checkSecretRef(at + ".connectAuth.secretRef", c.connectAuth().secretRef(), p);
            }
            if (!https) {
                p.add(at + ".connectAuth: basic auth over '" + c.connectUrl() + "' would send the password in clear; "
                        + "serve Connect's REST API over https and use an https:// connectUrl");
            }
        }
    }

    private static void checkTls(String at, SecurityConfig s, List<String> p) {
        TlsConfig tls = s.tls();
        if (tls == null) {
            return;
        }
        if (!s.usesTls()) {
            p.add(at + ".security.tls: only with SSL or SASL_SSL (got protocol " + s.protocol() + ")");
        }
        if (blank(tls.caFile()) == blank(tls.truststoreFile())) {
            p.add(at + ".security.tls: give either " + TlsConfig.CA_FILE + " (" + TlsConfig.CA_FILE_DOC + ") or "
                    + TlsConfig.TRUSTSTORE_FILE + " (" + TlsConfig.TRUSTSTORE_FILE_DOC + "), not both");
        }
        if (!blank(tls.truststoreType()) && !Set.of("JKS", "PKCS12").contains(tls.truststoreType())) {
            p.add(at + ".security.tls." + TlsConfig.TRUSTSTORE_TYPE + ": JKS or PKCS12 (got '" + tls.truststoreType()
                    + "'; a PEM file is " + TlsConfig.CA_FILE + ")");
        }
        if (!blank(tls.truststoreFile()) && blank(tls.truststorePasswordRef())) {
            p.add(at + ".security.tls: " + TlsConfig.TRUSTSTORE_FILE + " needs " + TlsConfig.TRUSTSTORE_PASSWORD_REF
                    + " (" + TlsConfig.TRUSTSTORE_PASSWORD_REF_DOC + ")");
        }
        if (!blank(tls.truststorePasswordRef()) && !SECRET_REF.matcher(tls.truststorePasswordRef()).matches()) {
            p.add(at + ".security.tls." + TlsConfig.TRUSTSTORE_PASSWORD_REF + ": 'env:VAR', 'file:/path' or "
                    + "'aws-secretsmanager:arn:...' (a reference, never the password itself)");
        }
    }

    private static void checkTopics(TopicSelection topics, List<String> p) {
        if (topics == null || (topics.names().isEmpty() && !topics.hasRegex())) {
            p.add("topics: required, either names: [a, b] or regex: 'orders\\..*'");
            return;
        }
        if (!topics.names().isEmpty() && topics.hasRegex()) {
            p.add("topics: give either names or regex, not both");
        }
        if (topics.hasRegex()) {
            try {
                Pattern.compile(topics.regex());
            } catch (PatternSyntaxException e) {
                p.add("topics.regex: does not compile: " + e.getDescription() + " near index " + e.getIndex()
                        + " of '" + topics.regex() + "'");
            }
        }
        for (String name : topics.names()) {
            if (blank(name) || TopicSelection.isInternal(name)) {
                p.add("topics.names: '" + name + "' is empty or an internal topic; list data topics only"
                        + (!blank(name) && TopicSelection.isCanaryTopic(name)
                        ? " (a drill adds its canary topic itself: set drill.traffic to canary or both)" : ""));
            }
        }
    }

    /**
     * The drill block, and what a drill adds to the pair it passes its failover and failback: the
     * canary topic ({@code topics.canary}) and the canary group with its {@code canary} binding,
     * accepted only as the pair's own drill settings say.
     */
    private static void checkDrill(PairConfig pair, List<String> p) {
        DrillSettings d = pair.drill();
        String topic = d.canaryTopicOrDefault();
        if (!TopicSelection.isCanaryTopic(topic)) {
            p.add("drill.canaryTopic: '" + topic + "' must be '" + TopicSelection.CANARY_TOPIC + "' or start with '"
                    + TopicSelection.CANARY_TOPIC + ".' (kafka-dr's own namespace, which MM2 replicates only when a "
                    + "drill adds it); leave it out for the default");
        }
        int records = d.canaryRecordsOrDefault();
        if (records < 2 || records > DrillSettings.CANARY_RECORDS_MAX) {
            p.add("drill.canaryRecords: records per canary burst, between 2 and " + DrillSettings.CANARY_RECORDS_MAX
                    + " (got " + records + "); leave it out for the default " + DrillSettings.CANARY_RECORDS_DEFAULT);
        }
        boolean canary = d.trafficOrDefault().usesCanary();
        if (canary && !pair.replication().identity()) {
            p.add("drill.traffic: '" + d.trafficOrDefault().value() + "' needs replication.policy 'identity' (the canary "
                    + "reads the same topic name on both sides); use traffic 'clients' with the prefix policy");
        }
        String group = DrillSettings.canaryGroup(pair.name());
        long ownGroups = pair.consumerGroups().stream().filter(g -> g == null || !group.equals(g.group())).count();
        if (d.trafficOrDefault() == DrillTraffic.CANARY && (ownGroups > 0 || !pair.producers().isEmpty())) {
            p.add("drill.traffic: 'canary' alone on a pair that lists clients (" + ownGroups + " consumer group(s), "
                    + pair.producers().size() + " producer(s)): a drill's failover moves every client the pair lists; "
                    + "use 'both' (the canary beside the clients), or a pair file that lists no clients for a "
                    + "canary-only drill on clusters whose applications are stopped");
        }
        String added = pair.topics() == null ? null : pair.topics().canary();
        if (added != null && (!canary || !added.equals(topic))) {
            p.add("topics.canary: '" + added + "' is added by a drill whose drill.traffic includes the canary, as "
                    + "drill.canaryTopic ('" + topic + "'); remove it and set drill.traffic and drill.canaryTopic instead");
        }
        for (int i = 0; i < pair.consumerGroups().size(); i++) {
            ConsumerGroupConfig g = pair.consumerGroups().get(i);
            boolean canaryBinding = g != null && g.binding() != null && ClientBinding.CANARY.equals(g.binding().type());
            if (canaryBinding && (!canary || !group.equals(g.group()))) {
                p.add("consumerGroups[" + i + "].binding.type: 'canary' is kafka-dr's own, for the drill's canary group '"
                        + group + "' that a drill with drill.traffic canary or both adds itself; give '" + g.group()
                        + "' a process, http or ecs binding");
            } else if (g != null && group.equals(g.group()) && g.binding() != null && !canaryBinding) {
                p.add("consumerGroups[" + i + "].group: '" + group + "' is the drill's canary group; rename the group");
            }
        }
    }

    /** Whether {@code topics} mirrors {@code topic}; true when its regex does not compile (reported on its own). */
    private static boolean selectsOrBadRegex(TopicSelection topics, String topic) {
        try {
            return topics.selects(topic);
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    private static void checkClients(PairConfig pair, List<String> p) {
        Set<String> groups = new HashSet<>();
        for (int i = 0; i < pair.consumerGroups().size(); i++) {
            ConsumerGroupConfig g = pair.consumerGroups().get(i);
            if (g == null || blank(g.group())) {
                p.add("consumerGroups[" + i + "].group: required");
                continue;
            }
            if (!groups.add(g.group())) {
                p.add("consumerGroups[" + i + "].group: duplicate group '" + g.group() + "'");
            }
            checkBinding("consumerGroups[" + i + "].binding", g.binding(), p);
            for (String topic : g.topics()) {
                if (pair.topics() != null && !selectsOrBadRegex(pair.topics(), topic)) {
                    p.add("consumerGroups[" + i + "].topics: '" + topic + "' is not one of the pair's topics ("
                            + (pair.topics().hasRegex() ? "regex " + pair.topics().regex() : "names " + pair.topics().names())
                            + "); name only topics the pair mirrors");
                }
            }
        }
        for (int i = 0; i < pair.producers().size(); i++) {
            ProducerConfig pr = pair.producers().get(i);
            if (pr == null || blank(pr.name())) {
                p.add("producers[" + i + "].name: required");
                continue;
            }
            checkBinding("producers[" + i + "].binding", pr.binding(), p);
        }
        checkSharedBindings(pair, p);
    }

    /**
     * Consumer groups may share a binding (one application that owns several groups: it moves
     * once for all of them). A producer may not share one, with a group or another producer: the
     * producers move after every group and after the drain, so an application in both lists would
     * be moved (and write to the target) before its records were drained, and two producers with
     * one binding would be started twice.
     */
    private static void checkSharedBindings(PairConfig pair, List<String> p) {
        java.util.Map<ClientBinding, String> owner = new java.util.HashMap<>();
        for (int i = 0; i < pair.consumerGroups().size(); i++) {
            ConsumerGroupConfig g = pair.consumerGroups().get(i);
            if (g != null && g.binding() != null) {
                owner.putIfAbsent(g.binding(), "consumerGroups[" + i + "] (" + g.group() + ")");
            }
        }
        for (int i = 0; i < pair.producers().size(); i++) {
            ProducerConfig pr = pair.producers().get(i);
            if (pr == null || pr.binding() == null) {
                continue;
            }
            String other = owner.putIfAbsent(pr.binding(), "producers[" + i + "] (" + pr.name() + ")");
            if (other != null) {
                p.add("producers[" + i + "].binding: the same binding as " + other + "; an application that consumes "
                        + "and produces is listed once, as its consumer group (its writes move with it), and each "
                        + "producer needs its own binding");
            }
        }
    }

    private static void checkBinding(String at, ClientBinding b, List<String> p) {
        if (b != null && !ClientBinding.TYPES.contains(b.type())) {
            p.add(at + ".type: one of " + ClientBinding.TYPES + " (got '" + b.type() + "')");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
