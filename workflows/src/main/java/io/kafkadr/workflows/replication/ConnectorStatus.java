package io.kafkadr.workflows.replication;

/**
 * State of one connector as Connect reports it.
 *
 * @param state        connector state (RUNNING, FAILED, PAUSED, UNASSIGNED, ...)
 * @param tasksRunning tasks in state RUNNING
 * @param tasksTotal   tasks that exist
 * @param restarts     task or connector restarts kafka-dr requested while waiting
 * @param trace        first line of the last failure trace, if any
 */
public record ConnectorStatus(String name, String state, int tasksRunning, int tasksTotal, int restarts, String trace) {

    /**
     * Connector and every task RUNNING. A checkpoint connector legitimately has no task until
     * one of its consumer groups exists on the source; any other connector needs a task.
     */
    public boolean healthy() {
        return "RUNNING".equals(state) && tasksRunning == tasksTotal
                && (tasksTotal > 0 || name.endsWith(MirrorConnector.CHECKPOINT_SUFFIX));
    }
}
