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
}
