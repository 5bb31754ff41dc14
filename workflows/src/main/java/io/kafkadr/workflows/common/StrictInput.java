package io.kafkadr.workflows.common;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.stream.Collectors;

/**
 * Reads a {@link WorkflowInput} from JSON the way Temporal's default converter does, except
 * that it follows {@link StrictJson}'s rules (unknown fields, fields given twice, text after the
 * object, strings for booleans or numbers, decimals for whole numbers are errors), and that every
 * error names the field, what is expected there and what was found, in the words an operator
 * typing {@code --input} needs.
 */
public final class StrictInput {

    private static final ObjectMapper STRICT = StrictJson.strict(JacksonJsonPayloadConverter.newDefaultObjectMapper());

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
        } catch (JsonProcessingException e) {
            throw StrictJson.tokenProblem(e, "input")
                    .map(p -> new InvalidInputException(p.path() == null ? p.message()
                            : "input field \"" + p.path() + "\" " + p.message()))
                    .orElseGet(() -> new InvalidInputException("the input is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException("the input is not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return null;
        }
        if (!root.isObject()) {
            throw new InvalidInputException("the input must be an object with the fields " + known(type)
                    + ", got " + StrictJson.kind(root));
        }
        try {
            return STRICT.readerFor(type).readValue(root);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new InvalidInputException("unknown input field \"" + StrictJson.path(e) + "\" (known: " + known + ")");
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new InvalidInputException("the input does not fit " + type.getSimpleName() + ": "
                        + e.getOriginalMessage());
            }
            throw new InvalidInputException("input field \"" + StrictJson.path(e) + "\": "
                    + StrictJson.mismatch(expected(e.getTargetType()), StrictJson.at(root, e)));
        } catch (JsonMappingException e) {
            String where = e.getPath().isEmpty() ? "the input" : "input field \"" + StrictJson.path(e) + "\"";
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
        if (type == PairConfig.class) {
            return "the name of a pair the worker serves, or an object (the pair config, which may only narrow it)";
        }
        if (type == Direction.class) {
            return "an object {\"source\": <alias>, \"target\": <alias>}";
        }
        return StrictJson.expected(type);
    }
}
