package io.kafkadr.workflows.pair;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a pair config from YAML or JSON (JSON is YAML) and validates it. Unknown keys are
 * errors: a misspelt threshold silently falling back to its default is how drills lie.
 */
public final class PairConfigParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
        PairConfig pair;
        try {
            pair = YAML.readValue(text, PairConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new PairConfigException(source, List.of("unknown key '" + e.getPropertyName() + "' at "
                    + path(e) + " (line " + e.getLocation().getLineNr() + "); known keys there: " + known));
        } catch (JsonMappingException e) {
            if (e.getPath().isEmpty()) {
                throw new PairConfigException(source, List.of(notAMapping(text)));
            }
            throw new PairConfigException(source, List.of("at " + path(e) + " (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + "): " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new PairConfigException(source, List.of("not valid YAML/JSON: " + e.getOriginalMessage()));
        }
        return PairValidator.validate(pair, source);
    }

    private static String notAMapping(String text) {
        String expected = "give a mapping of keys name, primary, secondary, clusters, topics, ... (see pairs/local.yaml)";
        try {
            JsonNode root = YAML.readTree(text);
            return root == null || root.isMissingNode() || root.isNull() ? "the config is empty: " + expected
                    : "found a " + root.getNodeType().toString().toLowerCase() + " at the top level: " + expected;
        } catch (JsonProcessingException e) {
            return "not valid YAML/JSON: " + e.getOriginalMessage();
        }
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return p.isEmpty() ? "top level" : p.substring(p.startsWith(".") ? 1 : 0);
    }
}
