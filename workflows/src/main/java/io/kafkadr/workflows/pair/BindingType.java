package io.kafkadr.workflows.pair;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client binding type is made of: the commands it runs and the settings it reads, each
 * declared once with its doc and default. The one table of binding types: the pair validator
 * checks type names and a pair file's bindings against it (drctl and the workflows module, which
 * cannot see the worker's plug-ins), and each plug-in on the worker reads its settings through it.
 *
 * @param name     the {@code binding.type}
 * @param commands the commands of a binding that runs some ({@code process}), each required
 * @param settings its settings; one without default is required
 */
public record BindingType(String name, List<String> commands, List<Setting> settings) {

    /**
     * One setting of a binding type.
     *
     * @param defaultValue the value when absent; {@code null}: required
     */
    public record Setting(String name, String doc, String defaultValue) {

        public boolean required() {
            return defaultValue == null;
        }

        /** The binding's value, or the default when absent or blank. */
        public String valueIn(ClientBinding binding) {
            String v = binding.settings().get(name);
            return v == null || v.isBlank() ? defaultValue : v;
        }

        /** The binding's value, absent when neither it nor a default gives one. */
        public Optional<String> optionalIn(ClientBinding binding) {
            return Optional.ofNullable(valueIn(binding)).filter(v -> !v.isBlank());
        }
    }

    public BindingType {
        commands = List.copyOf(commands);
        settings = List.copyOf(settings);
    }

    public static final Setting HTTP_CONTROL_URL = new Setting("controlUrl",
            "gets a POST of {\"action\": \"start\", \"cluster\", \"bootstrapServers\"} or {\"action\": \"stop\"}", null);
    public static final Setting HTTP_STATUS_URL = new Setting("statusUrl",
            "answers JSON with at least \"cluster\": the alias the application uses", null);

    public static final Setting ECS_PRIMARY_CLUSTER = new Setting("primary.cluster",
            "the ECS cluster of the service that runs against the primary Kafka cluster", null);
    public static final Setting ECS_PRIMARY_SERVICE = new Setting("primary.service",
            "the ECS service that runs against the primary Kafka cluster", null);
    public static final Setting ECS_PRIMARY_REGION = new Setting("primary.region",
            "the AWS region of primary.cluster; default: the primary Kafka cluster's region", "");
    public static final Setting ECS_SECONDARY_CLUSTER = new Setting("secondary.cluster",
            "the ECS cluster of the service that runs against the secondary Kafka cluster", null);
    public static final Setting ECS_SECONDARY_SERVICE = new Setting("secondary.service",
            "the ECS service that runs against the secondary Kafka cluster", null);
    public static final Setting ECS_SECONDARY_REGION = new Setting("secondary.region",
            "the AWS region of secondary.cluster; default: the secondary Kafka cluster's region", "");
    public static final Setting ECS_CONTAINER = new Setting("container",
            "the container (of the task definition) whose environment names the bootstrap servers", null);
    public static final Setting ECS_BOOTSTRAP_ENV = new Setting("bootstrapEnv",
            "the environment variable holding the bootstrap servers", "KAFKA_BOOTSTRAP_SERVERS");
    public static final Setting ECS_SECRET_ENV = new Setting("secretEnv",
            "environment variables the container reads from the cluster's aws-secretsmanager secret, as "
                    + "VAR=jsonKey pairs separated by commas (e.g. KAFKA_USERNAME=username,KAFKA_PASSWORD=password); "
                    + "the task definition's secrets reference <secret ARN>:<jsonKey>::, never a value", "");
    public static final Setting ECS_DESIRED_COUNT = new Setting("desiredCount",
            "tasks to run after a start; default: the count the service had when kafka-dr stopped it (1 if none)", "");

    public static final String PROCESS = "process";
    public static final String HTTP = "http";
    public static final String ECS = "ecs";

    private static final Map<String, BindingType> ALL = table(
            new BindingType(PROCESS, ProcessCommands.NAMES, List.of()),
            new BindingType(HTTP, List.of(), List.of(HTTP_CONTROL_URL, HTTP_STATUS_URL)),
            new BindingType(ECS, List.of(), List.of(ECS_PRIMARY_CLUSTER, ECS_PRIMARY_SERVICE, ECS_PRIMARY_REGION,
                    ECS_SECONDARY_CLUSTER, ECS_SECONDARY_SERVICE, ECS_SECONDARY_REGION, ECS_CONTAINER, ECS_BOOTSTRAP_ENV,
                    ECS_SECRET_ENV, ECS_DESIRED_COUNT)),
            new BindingType(ClientBinding.CANARY, List.of(), List.of()));

    private static Map<String, BindingType> table(BindingType... types) {
        Map<String, BindingType> t = new LinkedHashMap<>();
        for (BindingType type : types) {
            t.put(type.name(), type);
        }
        return java.util.Collections.unmodifiableMap(t);
    }

    /** The type names, in table order. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Optional<BindingType> of(String name) {
        return Optional.ofNullable(name).map(ALL::get);
    }

    /** The declared setting called {@code name}; fails for a name the table does not hold (a programming error). */
    public Setting setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(this.name + " binding has no setting " + name));
    }

    /**
     * What the table says is wrong with {@code binding} of this type: a required command or
     * setting missing, a setting this type does not have. The worker checks this before anything
     * moves; a pair file is checked for its settings only ({@link #problems(PairConfig)}).
     */
    public List<String> problems(ClientBinding binding) {
        List<String> p = new ArrayList<>();
        for (String command : commands) {
            if (!binding.commands().containsKey(command)) {
                p.add(name + " binding needs commands." + command + " (a list of arguments, the program first)");
            }
        }
        p.addAll(settingProblems(binding));
        return p;
    }

    /**
     * A required setting missing or a setting this type does not have (a type without settings
     * leaves its settings to its own checks, e.g. {@link ProcessCommands}).
     */
    public List<String> settingProblems(ClientBinding binding) {
        List<String> p = new ArrayList<>();
        for (Setting s : settings) {
            if (s.required() && s.optionalIn(binding).isEmpty()) {
                p.add(name + " binding needs settings." + s.name() + " (" + s.doc() + ")");
            }
        }
        if (!settings.isEmpty()) {
            List<String> known = settings.stream().map(Setting::name).toList();
            binding.settings().keySet().stream().filter(k -> !known.contains(k)).sorted().forEach(k ->
                    p.add(name + " binding has no setting '" + k + "' (a typo?); its settings: " + known));
        }
        return p;
    }

    /**
     * The setting problems of every binding of a pair file ({@link #settingProblems}: a process
     * binding's commands are checked for their shape by {@link ProcessCommands} and for their
     * presence when an operation starts), each prefixed with where it is
     * ({@code consumerGroups[0].binding: http binding needs settings.statusUrl ...}). Checked where pair files are
     * read, like {@link ProcessCommands#problems}, not in workflow code: runs recorded with an
     * incomplete binding still replay.
     */
    public static List<String> problems(PairConfig pair) {
        List<String> p = new ArrayList<>();
        eachBinding(pair, (at, b) -> of(b.type()).ifPresent(type -> type.settingProblems(b)
                .forEach(problem -> p.add(at + ": " + problem))));
        return p;
    }

    /** Every binding of the pair's clients with where it is ({@code producers[0].binding}). */
    static void eachBinding(PairConfig pair, java.util.function.BiConsumer<String, ClientBinding> check) {
        for (int i = 0; i < pair.consumerGroups().size(); i++) {
            ConsumerGroupConfig g = pair.consumerGroups().get(i);
            if (g != null && g.binding() != null) {
                check.accept("consumerGroups[" + i + "].binding", g.binding());
            }
        }
        for (int i = 0; i < pair.producers().size(); i++) {
            ProducerConfig pr = pair.producers().get(i);
            if (pr != null && pr.binding() != null) {
                check.accept("producers[" + i + "].binding", pr.binding());
            }
        }
    }
}
