package io.kafkadr.starter.drill;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkadr.operations.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The drill reports drctl keeps (one JSON file per drill, {@code .local/drills/}): what the
 * workflow's result cannot hold, the sample apps' ledger figures of a local drill, for
 * {@code drctl drill history}.
 */
public final class KeptReports {

    private static final ObjectMapper READER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;

    public KeptReports(Path dir) {
        this.dir = dir;
    }

    public void keep(DrillReport report) {
        if (report.drillWorkflowId() == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(report.drillWorkflowId().replace('/', '_') + ".json"), Json.write(report));
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the drill report in " + dir, e);
        }
    }

    /** Every kept report; an unreadable file is skipped (it is only a cache of figures). */
    public List<DrillReport> all() {
        List<DrillReport> reports = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return reports;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".json")).forEach(f -> {
                try {
                    reports.add(READER.readValue(f.toFile(), DrillReport.class));
                } catch (IOException unreadable) {
                    // skipped
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reports;
    }
}
