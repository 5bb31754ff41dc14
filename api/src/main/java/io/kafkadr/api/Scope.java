package io.kafkadr.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a token may do: {@code read} (pairs, operations, reports), {@code operate} (start a
 * failover, failback or drill) and {@code approve} (approve or decide for an operation waiting on
 * an operator). Separate, so that the caller that triggers need not be the one who approves.
 */
public enum Scope {
    READ, OPERATE, APPROVE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code read,operate}: the scopes named, a clear error for any other. */
    public static Set<Scope> parse(String list) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String s : (list == null ? "" : list).split(",")) {
            String name = s.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                scopes.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown scope '" + name + "': the scopes are read, operate, approve");
            }
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("no scope given: name at least one of read, operate, approve");
        }
        return scopes;
    }

    public static String labels(Set<Scope> scopes) {
        return String.join(",", scopes.stream().map(Scope::label).toList());
    }
}
