package io.kafkadr.starter.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.drill.DrillRequest;
import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillScheduleTest {

    private static final PairConfig PAIR = PairConfigParser.parseFile(Path.of("..", "pairs", "local.yaml"));

    @Test
    void aWeeklyDrillSkipsOnOverlapAndStartsDrillWorkflowOnThePair() {
        Schedule s = DrillSchedule.of(PAIR, DrillSchedule.spec("7d", null), true, null);

        assertEquals(List.of(Duration.ofDays(7)), s.getSpec().getIntervals().stream().map(i -> i.getEvery()).toList());
        assertEquals(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP, s.getPolicy().getOverlap());
        assertTrue(s.getPolicy().isPauseOnFailure());
        assertEquals(DrillSchedule.CATCHUP_WINDOW, s.getPolicy().getCatchupWindow());
        ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) s.getAction();
        assertEquals("DrillWorkflow", action.getWorkflowType());
        assertEquals("drill/local/scheduled", action.getOptions().getWorkflowId());
        assertEquals("kafka-dr", action.getOptions().getTaskQueue());
        DrillRequest request = action.getArguments().get(0, DrillRequest.class);
        assertEquals("local", request.pair().name());
        assertEquals(DrillRequest.REPLICATE_AUTO, request.replicate());
        assertEquals("drill-local", DrillSchedule.id("local", null));
        assertEquals("drill-local-nightly", DrillSchedule.id("local", "nightly"));
        assertEquals("every 7d", DrillSchedule.when(s.getSpec()));
    }

    @Test
    void whenIsExactlyOneOfEveryAndCronAndBothAreChecked() {
        ScheduleSpec cron = DrillSchedule.spec(null, "0 3 * * 1");
        assertEquals(List.of("0 3 * * 1"), cron.getCronExpressions());
        assertEquals("cron 0 3 * * 1 (UTC)", DrillSchedule.when(cron));
        assertEquals("every 12h", DrillSchedule.when(DrillSchedule.spec("12h", null)));
        assertMessage(() -> DrillSchedule.spec(null, null), "give exactly one of --every");
        assertMessage(() -> DrillSchedule.spec("7d", "0 3 * * 1"), "give exactly one of --every");
        assertMessage(() -> DrillSchedule.spec("weekly", null), "--every 'weekly' is not a period such as 30m, 12h or 7d");
        assertMessage(() -> DrillSchedule.spec("5m", null), "shorter than 10 minutes");
        assertMessage(() -> DrillSchedule.spec(null, "0 3 * *"), "needs five fields");
    }

    private static void assertMessage(Runnable r, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
