package io.kafkadr.api;

import java.util.Set;

/** Who calls: the name of the token presented (recorded as who started or approved) and its scopes. */
public record Caller(String name, Set<Scope> scopes) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }
}
