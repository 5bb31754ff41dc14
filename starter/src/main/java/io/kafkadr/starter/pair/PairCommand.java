package io.kafkadr.starter.pair;

import io.kafkadr.operations.Home;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code drctl pair register FILE}: makes the worker on this host serve a pair. Only whoever may
 * write the worker's pairs folder registers pairs; that is who decides what an operation may run
 * (binding commands), read (secret references) and reach (brokers, Connect URLs).
 */
@Command(name = "pair", mixinStandardHelpOptions = true, description = "The pairs the worker on this host serves.",
        subcommands = PairCommand.Register.class)
public class PairCommand {

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Validate a pair file and copy it into the worker's first pairs folder, so that workflow "
                    + "inputs may name it ({\"pair\": \"<name>\"}) and inline pairs may narrow it. Served at once, "
                    + "no restart. Run it on the worker's host."})
    public static class Register implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "the pair config (YAML or JSON)")
        Path file;

        @Option(names = "--pairs-dir", paramLabel = "DIR[:DIR...]", description = "the worker's pairs folders, as given "
                + "to 'drctl worker --pairs-dir' (default: $KAFKADR_PAIRS_DIR, else .local/pairs:pairs in the checkout)")
        String pairsDir;

        @Override
        public Integer call() {
            Path target = Home.pairs(pairsDir).register(file);
            System.out.println("registered pair from " + file + " as " + target);
            return 0;
        }
    }
}
