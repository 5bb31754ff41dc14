package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kafkadr.workflows.common.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a pair config from YAML or JSON (JSON is YAML) and validates it, by
 * {@link StrictJson}'s rules: unknown keys, keys given twice, a second document, quoted booleans
 * and numbers, decimals for whole numbers are errors. A misspelt threshold silently falling back
 * to its default, or the second of two {@code maxLagRecords} silently winning, is how drills lie.
 */
public final class PairConfigParser {

    private static final ObjectMapper YAML = StrictJson.strict(new ObjectMapper(new YAMLFactory()));

    private PairConfigParser() {
    }

    public static PairConfig parseFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PairConfigException(file.toString(), List.of(
                    "file not found (working directory " + Path.of("").toAbsolutePath() + ")"));
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new PairConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    public static PairConfig parse(String text, String source) {
        if (AwsKinds.isProvisionSpec(text)) {
            throw new PairConfigException(source, List.of("this is an AWS provisioning spec (kind: "
                    + AwsKinds.PROVISION + "), not a pair: run `drctl provision --pair " + source
                    + "`, which registers the pair it provisions"));
        }
        PairConfig pair = read(text, source, PairConfig.class, PAIR_SHAPE);
        if (pair != null && pair.namesOnly()) {
            // a bare string reads as a pair's name (workflow inputs name pairs that way); a file must hold the pair
            throw new PairConfigException(source, List.of(notAMapping(text, PAIR_SHAPE)));
        }
        PairValidator.validate(pair, source);
        List<String> bindings = new java.util.ArrayList<>(ProcessCommands.problems(pair));
        bindings.addAll(BindingType.problems(pair));
        if (!bindings.isEmpty()) {
            throw new PairConfigException(source, bindings);
        }
        return pair;
    }

    private static final String PAIR_SHAPE = "name, primary, secondary, clusters, topics, ... (see pairs/local.yaml)";

    /**
     * Reads {@code text} (YAML or JSON) as {@code type} by {@link StrictJson}'s rules, for any file an
     * operator writes (pair configs, provisioning specs); every problem names the key and the line.
     *
     * @param shape the keys expected at the top level, for the message about an empty or non-mapping file
     * @throws PairConfigException naming what is wrong
     */
    public static <T> T read(String text, String source, Class<T> type, String shape) {
        try {
            return YAML.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new PairConfigException(source, List.of("unknown key '" + e.getPropertyName() + "' at "
                    + path(e) + " (line " + e.getLocation().getLineNr() + "); known keys there: " + known));
        } catch (JsonProcessingException e) {
            throw new PairConfigException(source, List.of(problem(text, e, shape)));
        }
    }

    private static String problem(String text, JsonProcessingException e, String shape) {
        Optional<StrictJson.Problem> strict = StrictJson.tokenProblem(e, "config");
        if (strict.isPresent()) {
            return strict.get().path() == null ? strict.get().message()
                    : "key '" + strict.get().path() + "' " + strict.get().message() + " (" + line(e) + ")";
        }
        if (!(e instanceof JsonMappingException mapping)) {
            return "not valid YAML/JSON: " + e.getOriginalMessage();
        }
        if (mapping.getPath().isEmpty()) {
            return notAMapping(text, shape);
        }
        String at = "at " + path(mapping) + " (" + line(e) + "): ";
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            try {
                return at + StrictJson.mismatch(StrictJson.expected(mismatch.getTargetType()),
                        StrictJson.at(YAML.readTree(text), mapping));
            } catch (JsonProcessingException unreadable) {
                // the tree is read with the same rules: fall through to Jackson's own words
            }
        }
        return at + e.getOriginalMessage();
    }

    private static String line(JsonProcessingException e) {
        return "line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr());
    }

    private static String notAMapping(String text, String shape) {
        String expected = "give a mapping of keys " + shape;
        try {
            JsonNode root = YAML.readTree(text);
            return root == null || root.isMissingNode() || root.isNull() ? "the config is empty: " + expected
                    : "found a " + root.getNodeType().toString().toLowerCase() + " at the top level: " + expected;
        } catch (JsonProcessingException e) {
            return "not valid YAML/JSON: " + e.getOriginalMessage();
        }
    }

    private static String path(JsonMappingException e) {
        String p = StrictJson.path(e);
        return p.isEmpty() ? "top level" : p;
    }
}
