package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Data topics to mirror: an explicit list, or a regex (Java syntax, as MM2's {@code topics}).
 * Exactly one of the two is set by the operator.
 *
 * <p>This is the one place (besides the Connect plugin's {@code DrIdentityReplicationPolicy},
 * which runs inside Connect and mirrors {@link #isInternal}) that says which topics are internal:
 * MM2's, Connect's and kafka-dr's own ({@code _dr.*}), never listed or matched as data topics.
 * The deliberate exception is the drill's canary topic: {@value #CANARY_TOPIC} or
 * {@code _dr.canary.*}. It is kafka-dr's too, so a user regex never selects it and a pair may not
 * list it under {@code names}; but a drill whose traffic includes the canary adds it explicitly
 * ({@link #withCanary}), and then it is replicated like a data topic.
 *
 * @param canary the canary topic, added by a drill (never set in a pair file); null otherwise
 */
public record TopicSelection(List<String> names, String regex,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String canary) {

    /** The default canary topic, and the namespace every canary topic lives in. */
    public static final String CANARY_TOPIC = "_dr.canary";

    private static final Pattern INTERNAL = Pattern.compile(
            ".*[\\-.]internal|.*\\.replica|__.*|_dr\\..*|(.*\\.)?heartbeats|.*\\.checkpoints\\.internal");

    public TopicSelection {
        names = names == null ? List.of() : List.copyOf(names);
    }

    public TopicSelection(List<String> names, String regex) {
        this(names, regex, null);
    }

    /** MM2's, Connect's or kafka-dr's own topic (canary topics included): never a data topic. */
    public static boolean isInternal(String topic) {
        return INTERNAL.matcher(topic).matches();
    }

    /** A name in the canary's namespace ({@value #CANARY_TOPIC} or {@code _dr.canary.*}). */
    public static boolean isCanaryTopic(String topic) {
        return CANARY_TOPIC.equals(topic) || topic.startsWith(CANARY_TOPIC + ".");
    }

    /** The same selection plus the canary topic, which is then mirrored like a data topic. */
    public TopicSelection withCanary(String topic) {
        return new TopicSelection(names, regex, topic);
    }

    public boolean hasRegex() {
        return regex != null && !regex.isBlank();
    }

    /** The listed names, with the canary topic when a drill added it. */
    public List<String> listed() {
        List<String> all = new ArrayList<>(names);
        if (canary != null && !all.contains(canary)) {
            all.add(canary);
        }
        return all;
    }

    /** Whether this selection mirrors {@code topic}: listed, or matched by the regex, and not internal. */
    public boolean selects(String topic) {
        if (topic == null) {
            return false;
        }
        if (listed().contains(topic)) {
            return true;
        }
        return hasRegex() && !isInternal(topic) && Pattern.matches(regex, topic);
    }

    /** The value of MM2's {@code topics} property (a comma-separated list of regexes). */
    public String asMirrorMakerPattern() {
        String base = hasRegex() ? regex : String.join(",", names.stream().map(Pattern::quote).toList());
        return canary == null ? base : base + "," + Pattern.quote(canary);
    }
}
