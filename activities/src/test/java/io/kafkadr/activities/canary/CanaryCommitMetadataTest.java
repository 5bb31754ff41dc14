package io.kafkadr.activities.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kafkadr.workflows.canary.BurstRead;
import io.kafkadr.workflows.canary.CanaryRead;
import io.kafkadr.workflows.canary.SeqRange;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What a canary read keeps in its commit, so a retry whose first call committed answers the same. */
class CanaryCommitMetadataTest {

    private static final TopicPartition P0 = new TopicPartition("_dr.canary", 0);
    private static final CanaryRead READ = new CanaryRead("b1-secondary", "secondary",
            List.of(new BurstRead(1, 500, List.of(new SeqRange(500, 999)), 0)), 3);

    private static Map<TopicPartition, OffsetAndMetadata> committed(String metadata) {
        return Map.of(P0, new OffsetAndMetadata(42, metadata));
    }

    @Test
    void aRetryOfTheSameRunAndReadGetsTheFirstAnswer() {
        String metadata = CanaryActivitiesImpl.metadata("run-1", READ);
        assertEquals(Optional.of(READ), CanaryActivitiesImpl.earlier(committed(metadata), "run-1", "b1-secondary"));
    }

    @Test
    void anotherDrillsOrAnotherReadsCommitIsNotAnAnswer() {
        String metadata = CanaryActivitiesImpl.metadata("run-1", READ);
        assertEquals(Optional.empty(), CanaryActivitiesImpl.earlier(committed(metadata), "run-2", "b1-secondary"),
                "the same read id of an earlier drill on the same group");
        assertEquals(Optional.empty(), CanaryActivitiesImpl.earlier(committed(metadata), "run-1", "b2-secondary"));
        assertEquals(Optional.empty(), CanaryActivitiesImpl.earlier(committed(""), "run-1", "b1-secondary"));
        assertEquals(Optional.empty(), CanaryActivitiesImpl.earlier(committed("someone else's"), "run-1", "b1-secondary"));
    }

    @Test
    void anAnswerTooLargeForKafkasMetadataLimitIsKeptAsAMarkerAndARetryFailsSayingSo() {
        // scattered loss: every other record read, thousands of ranges
        List<SeqRange> gaps = new ArrayList<>();
        LongStream.range(0, 1000).forEach(i -> gaps.add(new SeqRange(2 * i, 2 * i)));
        CanaryRead scattered = new CanaryRead("b1-secondary", "secondary", List.of(new BurstRead(1, 1000, gaps, 0)), 0);

        String metadata = CanaryActivitiesImpl.metadata("run-1", scattered);

        assertTrue(metadata.getBytes(StandardCharsets.UTF_8).length <= CanaryActivitiesImpl.METADATA_MAX_BYTES, metadata);
        ApplicationFailure lost = assertThrows(ApplicationFailure.class,
                () -> CanaryActivitiesImpl.earlier(committed(metadata), "run-1", "b1-secondary"));
        assertTrue(lost.isNonRetryable());
        assertTrue(lost.getOriginalMessage().contains("its figures are unknown; run the drill again"), lost.getMessage());
        assertEquals(Optional.empty(), CanaryActivitiesImpl.earlier(committed(metadata), "run-1", "b2-secondary"));
    }
}
