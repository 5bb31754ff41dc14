package io.kafkadr.workflows.drpair;

/**
 * A restart of a failed connector or task that the pair entity's watch asked Connect for.
 *
 * @param connector       the connector's name
 * @param task            the task's id, or {@link FailedTask#CONNECTOR} for the connector itself
 * @param trace           first line of the failure that was restarted
 * @param restartedAtMillis when Connect accepted the restart
 */
public record TaskRestart(String connector, int task, String trace, long restartedAtMillis) {

    boolean of(FailedTask failed) {
        return failed.same(connector, task);
    }
}
