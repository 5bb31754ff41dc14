package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The pairs a worker serves: the pair files (YAML or JSON, one pair each) in its pairs folders.
 * Folders are searched in order and the first pair of a name wins (as {@code PATH} does), so a
 * pair registered into the first folder overrides a checkout's sample of the same name. Files are
 * read again when they change, so a pair registered while the worker runs is served at once.
 * Not workflow code: activities and drctl use it.
 */
public final class PairRegistry {

    /** The worker's pairs folders, separated like PATH ({@code :} on Unix); the first takes registrations. */
    public static final String ENV = "KAFKADR_PAIRS_DIR";

    private record Parsed(FileTime modified, long size, PairConfig pair, String problem) {
    }

    private final List<Path> folders;
    private final Map<Path, Parsed> cache = new ConcurrentHashMap<>();

    public PairRegistry(List<Path> folders) {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("no pairs folder given: set " + ENV + " or --pairs-dir");
        }
        this.folders = folders.stream().map(f -> f.toAbsolutePath().normalize()).toList();
    }

    /**
     * The default pairs folders, relative to the worker's base dir (the checkout for {@code drctl}):
     * {@code .local/pairs} (where {@code drctl pair register} puts pairs) before {@code pairs} (the
     * checkout's samples). A deployed worker sets {@value #ENV} instead.
     */
    public static final String DEFAULT_FOLDERS = ".local/pairs" + File.pathSeparator + "pairs";

    /** The folders given ({@code --pairs-dir}), else {@value #ENV}, else {@link #DEFAULT_FOLDERS}; relative to {@code base}. */
    public static PairRegistry configured(String given, Path base) {
        String env = System.getenv(ENV);
        return of(given != null ? given : env != null && !env.isBlank() ? env : DEFAULT_FOLDERS, base);
    }

    /** Folders from a PATH-like list ({@code a:b}), relative ones against {@code base}. */
    public static PairRegistry of(String folderList, Path base) {
        return new PairRegistry(Stream.of(folderList.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> base.resolve(s)).toList());
    }

    public List<Path> folders() {
        return folders;
    }

    /** The pair served under {@code name}, or empty. */
    public Optional<PairConfig> find(String name) {
        return Optional.ofNullable(index().get(name)).map(f -> read(f).pair());
    }

    /** The names of the pairs served, in the order of the folders and files. */
    public List<String> names() {
        return List.copyOf(index().keySet());
    }

    /** Every pair served, by name (the first folder's first); files that do not parse are left out. */
    public List<PairConfig> all() {
        return index().values().stream().map(f -> read(f).pair()).toList();
    }

    /** The refusal for a pair this worker does not serve: what it serves, and how to register one. */
    public String notServed(String name) {
        List<String> unreadable = new ArrayList<>();
        for (Path f : files()) {
            Parsed p = read(f);
            if (p.pair() == null && p.problem() != null) {
                unreadable.add(f.getFileName() + " (" + p.problem() + ")");
            }
        }
        return "pair '" + name + "' is not served by this worker: its pairs folders " + folders + " hold "
                + (index().isEmpty() ? "no pair" : "the pairs " + index().keySet())
                + (unreadable.isEmpty() ? "" : ", and files it cannot read: " + String.join("; ", unreadable))
                + ". An operator registers a pair on the worker's host with `drctl pair register <file>` (or puts the "
                + "file into " + folders.get(0) + "); a workflow input then names it: {\"pair\": \"" + name + "\"}";
    }

    /** Whether {@code file} lies inside one of the pairs folders (after resolving links and '..'). */
    public boolean holds(Path file) {
        try {
            Path real = file.toRealPath();
            for (Path folder : folders) {
                if (Files.isDirectory(folder) && real.startsWith(folder.toRealPath())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Registers the pair in {@code file}: validates it and copies it, unchanged, into the first
     * folder (over the file that serves its name there, else as {@code <name>.yaml|json}).
     *
     * @return where it now lives
     * @throws PairConfigException when the file is not a valid pair
     */
    public Path register(Path file) {
        PairConfig pair = PairConfigParser.parseFile(file);
        try {
            return write(pair, file.toString().endsWith(".json") ? ".json" : ".yaml", file, Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Registers {@code pair} (as JSON) into the first folder, unless exactly this pair is served already. */
    public Path register(PairConfig pair) {
        String json;
        try {
            json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(pair);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write pair '" + pair.name() + "' as JSON: " + e.getMessage(), e);
        }
        PairConfig checked = PairConfigParser.parse(json, "pair '" + pair.name() + "'");
        if (find(checked.name()).filter(checked::equals).isPresent()) {
            return index().get(checked.name());
        }
        return write(checked, ".json", null, json);
    }

    private Path write(PairConfig pair, String extension, Path source, String text) {
        Path folder = folders.get(0);
        try {
            Files.createDirectories(folder);
            Path target = filesIn(folder).stream()
                    .filter(f -> read(f).pair() != null && pair.name().equals(read(f).pair().name()))
                    .findFirst().orElse(folder.resolve(pair.name() + extension));
            if (Files.exists(target) && (source != null && Files.isSameFile(target, source)
                    || pair.equals(read(target).pair()))) {
                return target;
            }
            Path partial = Files.createTempFile(folder, ".register-", ".tmp");
            Files.writeString(partial, text);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register pair '" + pair.name() + "' into " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /** Name to file, the first folder first; a name twice in one folder is refused. */
    private Map<String, Path> index() {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (Path folder : folders) {
            Map<String, Path> here = new LinkedHashMap<>();
            for (Path f : filesIn(folder)) {
                PairConfig pair = read(f).pair();
                if (pair == null) {
                    continue;
                }
                Path other = here.putIfAbsent(pair.name(), f);
                if (other != null) {
                    throw new PairConfigException(f.toString(), List.of("pair '" + pair.name() + "' is also in " + other
                            + ": one file per pair in a pairs folder; remove one"));
                }
            }
            here.forEach(byName::putIfAbsent);
        }
        return byName;
    }

    private List<Path> files() {
        return folders.stream().flatMap(f -> filesIn(f).stream()).toList();
    }

    private static List<Path> filesIn(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches("[^.].*\\.(yaml|yml|json)"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list pairs folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private Parsed read(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Parsed known = cache.get(file);
            if (known != null && known.modified().equals(modified) && known.size() == size) {
                return known;
            }
            Parsed parsed;
            try {
                String text = Files.readString(file);
                parsed = AwsKinds.isProvisionSpec(text) ? new Parsed(modified, size, null, null) // not a pair: skipped
                        : new Parsed(modified, size, PairConfigParser.parse(text, file.toString()), null);
            } catch (PairConfigException e) {
                parsed = new Parsed(modified, size, null, String.join("; ", e.problems()));
            }
            cache.put(file, parsed);
            return parsed;
        } catch (IOException e) {
            return new Parsed(null, -1, null, "cannot read: " + e.getMessage());
        }
    }
}
