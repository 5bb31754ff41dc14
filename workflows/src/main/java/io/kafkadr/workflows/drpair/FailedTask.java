package io.kafkadr.workflows.drpair;

/**
 * A connector, or one of its tasks, that Connect reports FAILED.
 *
 * @param connector the connector's name
 * @param task      the task's id, or {@link #CONNECTOR} for the connector instance itself
 * @param trace     first line of Connect's failure trace, if any
 */
public record FailedTask(String connector, int task, String trace) {

    /** {@link #task} of a failed connector instance (restarted with its failed tasks). */
    public static final int CONNECTOR = -1;

    boolean same(String otherConnector, int otherTask) {
        return connector.equals(otherConnector) && task == otherTask;
    }

    @Override
    public String toString() {
        return connector + (task == CONNECTOR ? "" : " task " + task);
    }
}
