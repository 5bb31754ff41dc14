package io.kafkadr.workflows.canary;

import java.util.List;

/**
 * What one read took of one burst.
 *
 * @param burst   the burst (1, 2, 3)
 * @param records records of the burst read, repeats included
 * @param seqs    the distinct sequence numbers read, as ranges
 * @param repeats records whose sequence number this read had already seen (a record twice in the log)
 */
public record BurstRead(int burst, long records, List<SeqRange> seqs, long repeats) {

    public BurstRead {
        seqs = seqs == null ? List.of() : List.copyOf(seqs);
    }
}
