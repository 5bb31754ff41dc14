package io.kafkadr.workflows.operation;

import io.kafkadr.workflows.clients.ClientRef;
import io.kafkadr.workflows.pair.ClientBinding;
import io.kafkadr.workflows.pair.ConsumerGroupConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which consumer groups move together: groups whose bindings are equal (same type, same
 * settings) belong to one application, which is stopped once, has every group handed over, and
 * is started once. Moving them one by one would start the application on the target with its
 * other groups not yet handed over (they would read from wherever the target's offsets happen to
 * be) and stop it again for the next group. Groups without a binding stay alone. Pure.
 */
public final class ConsumerApps {

    private ConsumerApps() {
    }

    /**
     * One application: {@code lead} names it (its label is the one the operator's decisions use,
     * its workflow id is the move's), {@code sharing} are its other groups, in config order.
     */
    public record ConsumerApp(ConsumerGroupConfig lead, List<ConsumerGroupConfig> sharing) {

        public ConsumerApp {
            sharing = sharing == null ? List.of() : List.copyOf(sharing);
        }

        /** Lead first, then the groups that share its binding. */
        public List<ClientRef> refs() {
            List<ClientRef> refs = new ArrayList<>();
            refs.add(ClientRef.of(lead));
            sharing.forEach(g -> refs.add(ClientRef.of(g)));
            return refs;
        }

        /** Labels of every group of the application, lead first. */
        public List<String> labels() {
            return refs().stream().map(ClientRef::label).toList();
        }
    }

    /** The applications of {@code groups}, in the order their first group appears. */
    public static List<ConsumerApp> of(List<ConsumerGroupConfig> groups) {
        Map<Object, List<ConsumerGroupConfig>> byBinding = new LinkedHashMap<>();
        for (ConsumerGroupConfig g : groups) {
            Object key = bound(g.binding()) ? g.binding() : g;
            byBinding.computeIfAbsent(key, k -> new ArrayList<>()).add(g);
        }
        return byBinding.values().stream()
                .map(gs -> new ConsumerApp(gs.get(0), gs.subList(1, gs.size()))).toList();
    }

    /** The application of the group labelled {@code label} ({@code consumer <group>}), if any. */
    public static Optional<ConsumerApp> ofLabel(List<ConsumerGroupConfig> groups, String label) {
        return of(groups).stream().filter(a -> a.labels().contains(label)).findFirst();
    }

    private static boolean bound(ClientBinding binding) {
        return binding != null && binding.type() != null;
    }
}
