package io.kafkadr.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleSetupTest {

    private final StackEndpoints stack = new StackEndpoints("127.0.0.1:19292", "127.0.0.1:29292",
            "http://127.0.0.1:8284", "http://127.0.0.1:8283");

    @Test
    void thePairFileIsAValidPairWithEveryGroupBoundToTheFarm() throws Exception {
        ScaleSetup setup = ScaleSetup.of(12, "abc", 5, 2, 20, 7790, stack);
        PairConfig pair = PairConfigParser.parse(new YAMLMapper().writeValueAsString(setup.pair()), "scale-12.yaml");
        assertEquals("scale-12-abc", pair.name());
        assertEquals(12, pair.consumerGroups().size());
        assertEquals(List.of("bench.scale.abc.n12.t0", "bench.scale.abc.n12.t1", "bench.scale.abc.n12.t2",
                "bench.scale.abc.n12.t3", "bench.scale.abc.n12.t4"), setup.topicNames());
        var g7 = pair.consumerGroups().get(7);
        assertEquals("scale-12-abc-g7", g7.group());
        assertEquals("http", g7.binding().type());
        assertEquals("http://127.0.0.1:7790/groups/scale-12-abc-g7/control", g7.binding().settings().get("controlUrl"));
        assertEquals("http://127.0.0.1:7790/groups/scale-12-abc-g7/status", g7.binding().settings().get("statusUrl"));
        assertEquals("127.0.0.1:29292", pair.cluster("secondary").bootstrapServers());
    }

    @Test
    void theFarmHostsTheSameGroupsAndTopics() {
        ScaleSetup setup = ScaleSetup.of(3, "x", 10, 2, 20, 7791, stack);
        List<String> args = setup.farmArgs();
        assertEquals("scale-3-x-g", args.get(args.indexOf("--group-prefix") + 1));
        assertEquals("bench.scale.x.n3.t", args.get(args.indexOf("--topic-prefix") + 1));
        assertEquals("3", args.get(args.indexOf("--groups") + 1));
        assertEquals("7791", args.get(args.indexOf("--port") + 1));
    }
}
