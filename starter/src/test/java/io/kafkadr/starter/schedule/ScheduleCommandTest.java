package io.kafkadr.starter.schedule;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class ScheduleCommandTest {

    @Test
    void aServerWithoutSchedulesSaysSoAndWhatToRunInstead() {
        String message = ScheduleCommand.translate(Status.UNIMPLEMENTED.withDescription("unknown method CreateSchedule")
                .asRuntimeException(), "drill-local").getMessage();
        assertTrue(message.startsWith("this Temporal server has no schedules (unknown method CreateSchedule)"), message);
        assertTrue(message.contains("drctl local down && drctl local up") && message.contains("drctl drill --pair FILE"),
                message);
    }

    @Test
    void anUnknownScheduleNamesTheListCommand() {
        String message = ScheduleCommand.translate(Status.NOT_FOUND.asRuntimeException(), "drill-x").getMessage();
        assertTrue(message.contains("no such schedule 'drill-x' (drctl schedule list shows them)"), message);
    }
}
