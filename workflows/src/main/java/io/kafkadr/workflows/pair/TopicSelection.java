package io.kafkadr.workflows.pair;

import java.util.List;

/**
 * Data topics to mirror: an explicit list, or a regex (Java syntax, as MM2's {@code topics}).
 * Exactly one of the two is set.
 */
public record TopicSelection(List<String> names, String regex) {

    public TopicSelection {
        names = names == null ? List.of() : List.copyOf(names);
    }

    public boolean hasRegex() {
        return regex != null && !regex.isBlank();
    }

    /** The value of MM2's {@code topics} property. */
    public String asMirrorMakerPattern() {
        return hasRegex() ? regex : String.join(",", names.stream().map(java.util.regex.Pattern::quote).toList());
    }
}
