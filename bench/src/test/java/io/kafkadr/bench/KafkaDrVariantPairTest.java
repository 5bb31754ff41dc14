package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's generated pair binds its apps with the argument lists the runbook variant runs. */
class KafkaDrVariantPairTest {

    @Test
    void theGeneratedPairParsesWithArgumentListCommands() {
        KafkaDrVariant variant = new KafkaDrVariant(null, Map.of("primary", "127.0.0.1:19092", "secondary", "127.0.0.1:29092"),
                Map.of("primary", "http://127.0.0.1:8084", "secondary", "http://127.0.0.1:8083"), Path.of("."), null);
        BenchSetup s = new BenchSetup("kafka-dr", "kd1", 2, 3, 50, "primary", "secondary");

        PairConfig pair = PairConfigParser.parse(variant.pairYaml(s), "bench");

        assertEquals(ClientCommands.startConsumer(s.groupIds().get(0), s.topic(), "{cluster}"),
                pair.consumerGroups().get(0).binding().commands().get("start"));
        assertEquals(List.of("env", "DRCTL_NO_BUILD=1", "./drctl", "local", "stop", "producer", "--name", s.producer()),
                pair.producers().get(0).binding().commands().get("stop"));
    }
}
