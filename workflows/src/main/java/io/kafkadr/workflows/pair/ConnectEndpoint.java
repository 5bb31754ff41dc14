package io.kafkadr.workflows.pair;

/**
 * Everything needed to call one Connect group's REST API: where, whom to trust, how to log in.
 * References only: the CA file and the credentials are read on the worker, inside activities.
 *
 * @param cluster   alias of the cluster the Connect group replicates into (named in errors)
 * @param url       REST URL (http or https)
 * @param caFile    PEM CA certificates to trust for https, or {@code null} for the JVM's trust store
 * @param secretRef basic-auth credentials reference, or {@code null} for no authentication
 */
public record ConnectEndpoint(String cluster, String url, String caFile, String secretRef) {

    /** A plain endpoint: the JVM's trust store, no authentication. */
    public static ConnectEndpoint plain(String cluster, String url) {
        return new ConnectEndpoint(cluster, url, null, null);
    }

    /** The pair-config key of {@code field} on this endpoint's cluster, for messages. */
    public String key(String field) {
        return "cluster '" + cluster + "' " + field;
    }
}
