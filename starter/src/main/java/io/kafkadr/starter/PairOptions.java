package io.kafkadr.starter;

import io.kafkadr.workflows.pair.PairConfig;
import io.kafkadr.workflows.pair.PairConfigParser;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --pair FILE}: the pair config, parsed and validated before anything starts. */
public class PairOptions {

    @Option(names = "--pair", required = true, paramLabel = "FILE", description = "pair config (YAML or JSON), e.g. pairs/local.yaml")
    Path file;

    public PairConfig load() {
        return PairConfigParser.parseFile(file);
    }
}
