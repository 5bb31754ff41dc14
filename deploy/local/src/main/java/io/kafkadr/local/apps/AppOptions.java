package io.kafkadr.local.apps;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every sample app takes: where it connects and where its ledger is. */
public class AppOptions {

    @Option(names = "--bootstrap", required = true)
    String bootstrap;
    @Option(names = "--cluster", required = true, description = "alias of the cluster, written to the ledger")
    String cluster;
    @Option(names = "--topic", defaultValue = "orders")
    String topic;
    @Option(names = "--ledger", required = true)
    Path ledgerFile;
    @Option(names = "--client-config", description = "client security settings (properties) of the app's own principal")
    Path clientConfig;

    /** {@code base} plus the settings of {@link #clientConfig}, if given. */
    java.util.Map<String, Object> withSecurity(java.util.Map<String, Object> base) {
        java.util.Map<String, Object> props = new java.util.HashMap<>(base);
        if (clientConfig != null) {
            java.util.Properties file = new java.util.Properties();
            try (var in = java.nio.file.Files.newInputStream(clientConfig)) {
                file.load(in);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + clientConfig, e);
            }
            file.forEach((k, v) -> props.put(k.toString(), v));
        }
        return props;
    }
}
