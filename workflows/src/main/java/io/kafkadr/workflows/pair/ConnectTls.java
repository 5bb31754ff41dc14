package io.kafkadr.workflows.pair;

/**
 * How the worker trusts a Connect group's REST certificate (its {@code connectUrl} is https).
 *
 * @param caFile PEM file on the worker with one or more CA certificates; Connect's certificate
 *               must chain to one of them (instead of the JVM's default trust store)
 */
public record ConnectTls(String caFile) {
}
