package io.kafkadr.workflows.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one set of rules for reading what an operator writes: pair configs (YAML or JSON, read by
 * {@link io.kafkadr.workflows.pair.PairConfigParser} for drctl and the worker) and workflow inputs
 * typed into {@code temporal workflow start --input} (read by {@link StrictInput} in the worker's
 * {@link WorkflowInputConverter}). Jackson's defaults guess; these rules refuse:
 * <ul>
 *   <li>an unknown field (a misspelt threshold would silently keep its default);</li>
 *   <li>anything after the value (a second JSON object, a second YAML document);</li>
 *   <li>a field given twice (by default the last one wins, unnoticed);</li>
 *   <li>a string where a boolean or a number goes ({@code "true"}, {@code "5"}), a number where
 *       a boolean or a string goes, a decimal where a whole number goes ({@code 1.9} is not 1).</li>
 * </ul>
 * The helpers below turn what Jackson reports into a message that names the field, says what is
 * expected there and what was found, and how to fix it.
 */
public final class StrictJson {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:field|Object property) '([^']*)'");

    private StrictJson() {
    }

    /** {@code mapper}, made strict (the same instance, for chaining). */
    public static <M extends ObjectMapper> M strict(M mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer, CoercionInputShape.Float);
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /**
     * The field named by a failure of the strict rules at the token level, and what is wrong with
     * it, or empty for a plain syntax error: a field given twice ({@code "mode" is given twice}),
     * or something after the end of the value.
     *
     * @param what what is read, as the message calls it ("input", "config")
     */
    public static Optional<Problem> tokenProblem(JsonProcessingException e, String what) {
        Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
        if (duplicate.find()) {
            String path = e.getProcessor() instanceof JsonParser parser
                    ? join(path(parser.getParsingContext()), duplicate.group(1)) : duplicate.group(1);
            return Optional.of(new Problem(path, "is given twice (the last one would silently win): keep one"));
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token")) {
            return Optional.of(new Problem(null, "there is more after the end of the " + what + " ("
                    + location(e) + "): remove it; one " + what + " is read, as one object"));
        }
        return Optional.empty();
    }

    /** What is wrong at one field ({@code path} null: with the whole text). */
    public record Problem(String path, String message) {
    }

    /** {@code "expected X, got Y"} and how to fix it, for a value of the wrong kind. */
    public static String mismatch(String expected, JsonNode found) {
        String got = "got " + kind(found) + (found.isValueNode() && !found.isNull() ? " (" + found + ")" : "");
        return "expected " + expected + ", " + got + hint(expected, found);
    }

    private static String hint(String expected, JsonNode found) {
        if (found.isTextual() && expected.equals("true or false")) {
            return ": write true or false without quotes";
        }
        if (found.isTextual() && expected.contains("number")) {
            return ": write the number without quotes";
        }
        if (found.isNumber() && expected.equals("a whole number")) {
            return ": give a whole number";
        }
        if ((found.isNumber() || found.isBoolean()) && expected.equals("a string")) {
            return ": put it in quotes";
        }
        return "";
    }

    /** What goes in a field of {@code type}, in an operator's words. */
    public static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
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

    /** A value's kind, in an operator's words. */
    public static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case NUMBER -> node.isIntegralNumber() ? "a number" : "a decimal number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    /** The node {@code e}'s path points at (missing when the path leaves the tree). */
    public static JsonNode at(JsonNode root, JsonMappingException e) {
        JsonNode node = root;
        for (JsonMappingException.Reference ref : e.getPath()) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        return node;
    }

    /** {@code a.b[0].c}: where a mapping failure happened ("" at the top level). */
    public static String path(JsonMappingException e) {
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

    /** The path of the object or list a parser is in ("" at the top level). */
    private static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder p = new StringBuilder();
        JsonStreamContext previous = null;
        for (JsonStreamContext c : chain) {
            if (previous != null) {
                if (previous.inArray()) {
                    p.append('[').append(previous.getCurrentIndex()).append(']');
                } else {
                    p.append(p.isEmpty() ? "" : ".").append(previous.getCurrentName());
                }
            }
            previous = c;
        }
        return p.toString();
    }

    private static String join(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "at its end" : "line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }
}
