package io.kafkadr.starter.list;

import io.kafkadr.operations.ListedOperation;
import io.kafkadr.operations.Listing;
import io.kafkadr.operations.OperationListing;
import io.kafkadr.operations.Operations;
import io.kafkadr.operations.Since;
import io.kafkadr.operations.TemporalOptions;
import io.kafkadr.operations.Json;
import io.kafkadr.starter.PairOptions;
import io.kafkadr.workflows.pair.PairConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;


@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List a pair's operations (replicate, verify, failover, failback, drill), newest first, with their "
                + "outcome: from the server's visibility (search attributes DrPair, DrOperation), completed by the pair "
                + "entity's record of past operations where visibility misses them.")
public class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    PairOptions pairOptions;
    @Mixin
    TemporalOptions temporal;
    @Option(names = "--operation", paramLabel = "TYPE", description = "only this operation: replicate|verify|failover|failback|drill")
    String operation;
    @Option(names = "--since", paramLabel = "WHEN", description = "only runs started since: an age (90m, 24h, 7d), a date "
            + "(2026-11-01, UTC) or an instant (2026-11-01T08:00:00Z)")
    String since;
    @Option(names = "--limit", defaultValue = "50", description = "at most this many runs (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--json", description = "JSON on stdout")
    boolean json;

    @Override
    public Integer call() {
        PairConfig pair = pairOptions.load();
        Instant from;
        String query;
        try {
            from = since == null ? null : Since.parse(since, Instant.now());
            query = OperationListing.query(pair.name(), operation, from);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1 (got " + limit + ")");
        }
        try (Operations ops = new Operations(temporal, System.err)) {
            Listing listing = ops.list(pair.name(), operation, from, limit);
            String visibilityProblem = listing.visibilityProblem();
            List<ListedOperation> rows = listing.operations();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pair", pair.name());
                out.put("query", query);
                out.put("visibility", visibilityProblem == null ? "ok" : visibilityProblem);
                out.put("operations", rows);
                System.out.println(Json.write(out));
            } else {
                if (visibilityProblem != null) {
                    System.err.println("visibility unavailable (" + visibilityProblem + "): only the pair entity's record "
                            + "of operations that took its lock is listed; a server with visibility (temporal server "
                            + "start-dev) lists every run");
                }
                System.out.print(rows.isEmpty() ? "no operation of pair '" + pair.name() + "' found for: " + query + "\n"
                        : OperationListing.table(rows));
            }
            return 0;
        }
    }
}
