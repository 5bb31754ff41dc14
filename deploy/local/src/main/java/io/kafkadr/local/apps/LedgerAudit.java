package io.kafkadr.local.apps;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts, from the sample apps' ledgers, what a drill lost and duplicated: every record the
 * producer had acknowledged (from sequence {@code fromSeq} on) must appear in the consumer's
 * ledger exactly once.
 *
 * @param acked      records acknowledged by the producer in scope
 * @param consumed   ledger lines of the consumer for those records (duplicates included)
 * @param lost       acknowledged records never consumed
 * @param duplicates consumed lines beyond the first per record
 * @param nextSeq    the producer's next sequence number (scope of the next audit)
 * @param lostSample a few lost ids, for the report
 */
public record LedgerAudit(long acked, long consumed, long lost, long duplicates, long nextSeq, List<String> lostSample) {

    public static LedgerAudit of(Path producerLedger, Path consumerLedger, long fromSeq) {
        Set<String> acked = new HashSet<>();
        long nextSeq = 0;
        for (String[] line : Ledger.read(producerLedger)) {
            long seq = Long.parseLong(line[1]);
            nextSeq = Math.max(nextSeq, seq + 1);
            if (seq >= fromSeq) {
                acked.add(line[0]);
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String[] line : Ledger.read(consumerLedger)) {
            if (acked.contains(line[0])) {
                seen.merge(line[0], 1, Integer::sum);
            }
        }
        long consumed = seen.values().stream().mapToLong(Integer::longValue).sum();
        List<String> lost = acked.stream().filter(id -> !seen.containsKey(id)).sorted().toList();
        return new LedgerAudit(acked.size(), consumed, lost.size(), consumed - seen.size(), nextSeq,
                lost.subList(0, Math.min(10, lost.size())));
    }
}
