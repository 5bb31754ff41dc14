package io.kafkadr.workflows.drill;

import io.kafkadr.workflows.pair.Objectives;
import io.kafkadr.workflows.verify.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a drill's measurements to the pair's {@link Objectives}: one check per objective set, none
 * for an objective left out. A figure that was not measured (-1: the failover never completed)
 * misses its objective. Pure, so it runs in workflow code and in drctl alike.
 */
public final class DrillObjectives {

    public static final String RTO = "objective:rto";
    public static final String RPO_RECORDS = "objective:rpo-records";

    private DrillObjectives() {
    }

    /**
     * @param rtoMillis   the failover's trigger to its last producer healthy (-1: not measured)
     * @param recordsLost records the failover lost (-1: not known)
     * @param lossSource  where {@code recordsLost} comes from, for the check's detail
     */
    public static List<Check> checks(Objectives objectives, long rtoMillis, long recordsLost, String lossSource) {
        List<Check> checks = new ArrayList<>();
        if (objectives.hasRto()) {
            checks.add(rto(objectives.rtoSeconds(), rtoMillis));
        }
        if (objectives.hasRpo()) {
            checks.add(rpo(RPO_RECORDS, objectives.rpoRecords(), recordsLost, lossSource));
        }
        return checks;
    }

    /** The RPO objective against another loss figure (e.g. the clients' ledgers), named {@code name}. */
    public static Check rpo(String name, long rpoRecords, long recordsLost, String lossSource) {
        boolean measured = recordsLost >= 0;
        return new Check(name, recordsLost, rpoRecords, measured && recordsLost <= rpoRecords,
                measured ? recordsLost + " record(s) lost (" + lossSource + "), objective at most " + rpoRecords
                        : "loss not measured (the failover did not complete), objective at most " + rpoRecords);
    }

    private static Check rto(int rtoSeconds, long rtoMillis) {
        long limit = rtoSeconds * 1000L;
        boolean measured = rtoMillis >= 0;
        return new Check(RTO, rtoMillis, limit, measured && rtoMillis <= limit,
                measured ? String.format("RTO %.1f s, objective %d s (milliseconds compared)", rtoMillis / 1000.0, rtoSeconds)
                        : "RTO not measured (the failover did not complete), objective " + rtoSeconds + " s");
    }
}
