package io.kafkadr.workflows.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.kafkadr.workflows.pair.Direction;
import io.kafkadr.workflows.pair.PairConfig;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a {@link WorkflowInput} from JSON the way Temporal's default converter does, except
 * that unknown fields (at any depth) are errors, and that every error names the field, what is
 * expected there and what was found, in the words an operator typing {@code --input} needs.
 */
public final class StrictInput {

    private static final ObjectMapper STRICT = JacksonJsonPayloadConverter.newDefaultObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StrictInput() {
    }

    /** A workflow input that does not fit its record; the message is for the operator. */
    public static final class InvalidInputException extends RuntimeException {
        InvalidInputException(String message) {
            super(message);
        }
    }

    /** The input as {@code type}, or null for a JSON null; throws {@link InvalidInputException}. */
    public static <T> T read(byte[] json, Class<T> type) {
        JsonNode root;
        try {
            root = STRICT.readTree(json);
        } catch (IOException e) {
            throw new InvalidInputException("the input is not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return null;
        }
        if (!root.isObject()) {
            throw new InvalidInputException("the input must be an object with the fields " + known(type)
                    + ", got " + kind(root));
        }
        try {
            return STRICT.readerFor(type).readValue(root);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new InvalidInputException("unknown input field \"" + path(e) + "\" (known: " + known + ")");
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new InvalidInputException("the input does not fit " + type.getSimpleName() + ": "
                        + e.getOriginalMessage());
            }
            throw new InvalidInputException("input field \"" + path(e) + "\": expected "
                    + expected(e.getTargetType()) + ", got " + kind(at(root, e)));
        } catch (JsonMappingException e) {
            String where = e.getPath().isEmpty() ? "the input" : "input field \"" + path(e) + "\"";
            throw new InvalidInputException(where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException("the input does not fit " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String known(Class<?> type) {
        return type.isRecord()
                ? Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.joining(", "))
                : "of " + type.getSimpleName();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == PairConfig.class) {
            return "an object (the pair config) or use \"pairFile\"";
        }
        if (type == Direction.class) {
            return "an object {\"source\": <alias>, \"target\": <alias>}";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object (" + type.getSimpleName() + ")";
    }

    /** The node the failing path points at (missing when the path leaves the tree). */
    private static JsonNode at(JsonNode root, JsonMappingException e) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : e.getPath()) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        return node;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    private static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                p.append(p.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                p.append('[').append(ref.getIndex()).append(']');
            }
        }
        return p.toString();
    }
}
