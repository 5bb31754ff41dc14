package io.kafkadr.workflows.pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The commands of a {@code process} binding: argument lists, the program first, run without a
 * shell. Placeholders ({@value #CLUSTER}, {@value #BOOTSTRAP}) are replaced inside one argument's
 * text and never split it, so a value with spaces, quotes or {@code ;} stays one argument and is
 * never read as shell syntax.
 */
public final class ProcessCommands {

    /** The commands a process binding has. */
    public static final List<String> NAMES = List.of("stop", "start");
    public static final String CLUSTER = "{cluster}";
    public static final String BOOTSTRAP = "{bootstrap}";

    private ProcessCommands() {
    }

    /**
     * What is wrong with the pair's process commands: shell text where an argument list goes
     * ({@code settings.stop|start}), commands on a binding that runs none, an empty list. Checked
     * where pair files are read (the worker serves only such files), not in workflow code, so that
     * runs recorded with shell text still replay.
     */
    public static List<String> problems(PairConfig pair) {
        List<String> p = new ArrayList<>();
        BindingType.eachBinding(pair, (at, b) -> check(at, b, p));
        return p;
    }

    private static void check(String at, ClientBinding b, List<String> p) {
        boolean process = "process".equals(b.type());
        for (String name : NAMES) {
            String text = b.settings().get(name);
            if (process && text != null) {
                p.add(at + ".settings." + name + ": a command is no longer shell text (kafka-dr runs commands without a "
                        + "shell); give " + at + ".commands." + name + " as a list of arguments, e.g. " + suggest(text)
                        + " (pipes, redirects, '&&' and variables go into a script that the list runs)");
            }
        }
        for (Map.Entry<String, List<String>> command : b.commands().entrySet()) {
            if (!process) {
                p.add(at + ".commands: only a process binding runs commands (this one is '" + b.type() + "')");
                return;
            }
            List<String> args = command.getValue();
            if (!NAMES.contains(command.getKey())) {
                p.add(at + ".commands." + command.getKey() + ": unknown command; a process binding has " + NAMES);
            } else if (args.isEmpty() || args.contains(null) || args.get(0).isBlank()) {
                p.add(at + ".commands." + command.getKey() + ": a list of arguments, the program first, none null");
            }
        }
    }

    /** {@code arguments} with every placeholder replaced inside its own argument; as many arguments as given. */
    public static List<String> substitute(List<String> arguments, Map<String, String> values) {
        return arguments.stream().map(a -> {
            String out = a;
            for (Map.Entry<String, String> v : values.entrySet()) {
                out = out.replace(v.getKey(), v.getValue());
            }
            return out;
        }).toList();
    }

    /**
     * The argument list an old shell command would become if it were only words, as a YAML flow
     * list for an error message (a hint: the operator checks it, shell syntax needs a script).
     */
    static String suggest(String shellText) {
        List<String> words = List.of(shellText.trim().split("\\s+"));
        boolean assignments = words.get(0).matches("[A-Za-z_][A-Za-z0-9_]*=.*");
        return java.util.stream.Stream.concat(assignments ? java.util.stream.Stream.of("env") : java.util.stream.Stream.empty(),
                        words.stream())
                .map(w -> w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w : "'" + w.replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
