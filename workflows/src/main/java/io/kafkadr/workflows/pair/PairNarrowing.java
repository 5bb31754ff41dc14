package io.kafkadr.workflows.pair;

import io.kafkadr.workflows.clients.ClientRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The trust boundary's rule: a pair that reaches the worker in a workflow input (or in an
 * activity's arguments) may only <em>narrow</em> the pair the worker serves under that name. It
 * may leave clients, topics or bindings out and change options (thresholds, timeouts, MM2
 * settings, the drill's), but it may not bring what the registered pair lacks: a command (a
 * client binding other than the registered one), a secret reference or a file to read (a CA), an
 * endpoint (bootstrap servers, a Connect URL, an http binding's URLs), a cluster, a client or a
 * topic of its own.
 * What it may run, read and reach is decided by whoever registered the pair on the worker.
 */
public final class PairNarrowing {

    private PairNarrowing() {
    }

    /** Every field of {@code requested} that brings something {@code registered} lacks; empty when it only narrows. */
    public static List<String> beyond(PairConfig registered, PairConfig requested) {
        List<String> p = new ArrayList<>();
        same(p, "primary", registered.primary(), requested.primary());
        same(p, "secondary", registered.secondary(), requested.secondary());
        for (ClusterConfig c : requested.clusters() == null ? List.<ClusterConfig>of() : requested.clusters()) {
            cluster(p, registered, c);
        }
        topics(p, registered, requested);
        Map<String, ClientRef> own = clientsByLabel(registered);
        clients(requested).forEach(c -> p.addAll(beyond(registered.name(), own, c)));
        return p;
    }

    /**
     * What {@code client} brings beyond the registered pair: a client it does not have, or another
     * binding; empty when nothing. A client may come without its binding (then nothing moves it).
     */
    public static List<String> beyond(PairConfig registered, ClientRef client) {
        return beyond(registered.name(), clientsByLabel(registered), client);
    }

    private static List<String> beyond(String pair, Map<String, ClientRef> registered, ClientRef client) {
        if (DrillSettings.canaryGroup(pair).equals(client.name())
                && (client.binding() == null || ClientBinding.CANARY.equals(client.binding().type()))) {
            return List.of(); // the drill's canary group (bound or not): kafka-dr's own, it runs nothing
        }
        ClientRef own = registered.get(client.label());
        if (own == null) {
            return List.of(client.label() + ": not a client of the registered pair");
        }
        List<String> p = new ArrayList<>();
        binding(p, client.label() + " binding", own.binding(), client.binding());
        return p;
    }

    /** The pair's clients by label ({@code consumer <group>}, {@code producer <name>}): one look-up per client. */
    private static Map<String, ClientRef> clientsByLabel(PairConfig pair) {
        Map<String, ClientRef> byLabel = new HashMap<>();
        clients(pair).forEach(c -> byLabel.putIfAbsent(c.label(), c));
        return byLabel;
    }

    private static Stream<ClientRef> clients(PairConfig pair) {
        return Stream.concat(pair.consumerGroups().stream().filter(Objects::nonNull).map(ClientRef::of),
                pair.producers().stream().filter(Objects::nonNull).map(ClientRef::of));
    }

    /** The refusal: what was brought, and how to make the worker serve it. */
    public static String refusal(String pair, List<String> beyond) {
        return "pair '" + pair + "' in the workflow input brings what the pair this worker serves under that name "
                + "does not: " + String.join("; ", beyond) + ". A workflow input may only narrow a registered pair "
                + "(fewer clients or topics, other thresholds and options); its commands, secret references and "
                + "endpoints come from the worker. To run with these, register the pair on the worker's host "
                + "(drctl pair register <file>) and start again, or name the registered pair: {\"pair\": \"" + pair
                + "\"}";
    }

    private static void cluster(List<String> p, PairConfig registered, ClusterConfig c) {
        if (c == null) {
            return;
        }
        Optional<ClusterConfig> own = registered.findCluster(c.alias());
        if (own.isEmpty()) {
            p.add("clusters[" + c.alias() + "]: not a cluster of the registered pair");
            return;
        }
        ClusterConfig r = own.get();
        String at = "clusters[" + c.alias() + "].";
        int before = p.size();
        same(p, at + "bootstrapServers", r.bootstrapServers(), c.bootstrapServers());
        same(p, at + "connectUrl", r.connectUrl(), c.connectUrl());
        same(p, at + "region", r.region(), c.region());
        same(p, at + "connectTls.caFile", r.connect().caFile(), c.connect().caFile());
        same(p, at + "connectAuth.secretRef", r.connect().secretRef(), c.connect().secretRef());
        SecurityConfig rs = r.securityOrPlaintext();
        SecurityConfig cs = c.securityOrPlaintext();
        same(p, at + "security.secretRef", rs.secretRef(), cs.secretRef());
        same(p, at + "security.protocol", rs.protocol(), cs.protocol());
        same(p, at + "security.saslMechanism", rs.saslMechanism(), cs.saslMechanism());
        if (p.size() == before && !Objects.equals(r.securityOrPlaintext(), c.securityOrPlaintext())) {
            p.add(at + "security: differs from the registered pair's");
        } else if (p.size() == before && !r.equals(c) && Objects.equals(r.security(), c.security())) {
            p.add("clusters[" + c.alias() + "]: differs from the registered pair's");
        }
    }

    private static void topics(List<String> p, PairConfig registered, PairConfig requested) {
        TopicSelection own = registered.topics();
        TopicSelection asked = requested.topics();
        if (asked == null || own == null) {
            return;
        }
        if (asked.hasRegex() && !(own.hasRegex() && own.regex().equals(asked.regex()))) {
            p.add("topics.regex: '" + asked.regex() + "' is not the registered pair's "
                    + (own.hasRegex() ? "regex '" + own.regex() + "'" : "list " + own.names()));
        }
        for (String topic : asked.names()) {
            if (!own.selects(topic)) {
                p.add("topics.names: '" + topic + "' is not one of the registered pair's topics");
            }
        }
        if (asked.canary() != null && !TopicSelection.isCanaryTopic(asked.canary())) {
            p.add("topics.canary: '" + asked.canary() + "' is not a canary topic");
        }
    }

    /** A client may come without its binding (then nothing moves it), never with another one. */
    private static void binding(List<String> p, String at, ClientBinding own, ClientBinding asked) {
        if (asked == null || asked.equals(own)) {
            return;
        }
        if (own == null) {
            p.add(at + ": the registered pair gives this client no binding");
            return;
        }
        int before = p.size();
        same(p, at + ".type", own.type(), asked.type());
        for (String name : union(own.commands().keySet(), asked.commands().keySet())) {
            same(p, at + ".commands." + name, own.commands().get(name), asked.commands().get(name));
        }
        for (String name : union(own.settings().keySet(), asked.settings().keySet())) {
            same(p, at + ".settings." + name, own.settings().get(name), asked.settings().get(name));
        }
        if (p.size() == before) {
            p.add(at + ": differs from the registered pair's");
        }
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static void same(List<String> p, String at, Object registered, Object requested) {
        if (!Objects.equals(registered, requested)) {
            p.add(at + ": " + show(requested) + " instead of the registered " + show(registered));
        }
    }

    private static String show(Object value) {
        return value == null ? "(none)" : value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
