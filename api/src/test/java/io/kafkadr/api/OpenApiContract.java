package io.kafkadr.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI document as a contract: which routes it documents, and whether an answer the
 * server gave (status, content type, headers, body) is one the document allows; JSON bodies are
 * validated against the documented schema with networknt's JSON Schema validator (2020-12, the
 * dialect of OpenAPI 3.1).
 */
public final class OpenApiContract {

    private final JsonNode doc;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final ObjectMapper mapper = new ObjectMapper();

    public OpenApiContract(String documentJson) {
        try {
            this.doc = mapper.readTree(documentJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!doc.path("openapi").asText().startsWith("3.")) {
            throw new AssertionError("not an OpenAPI 3 document: openapi = " + doc.path("openapi"));
        }
    }

    /** Every route documented. */
    public List<IncidentApi.Route> routes() {
        List<IncidentApi.Route> routes = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> routes.add(new IncidentApi.Route(m, p.getKey()))));
        return routes;
    }

    /** The documented path template {@code path} (without its query) falls under, e.g. {@code /v1/operations/{id}/report}. */
    public String template(String method, String path) {
        String bare = path.split("\\?", 2)[0];
        List<String> templates = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(templates::add);
        // the most literal template first: /v1/operations/{id}/report before /v1/operations/{id}
        templates.sort(Comparator.comparingInt((String t) -> t.replaceAll("\\{[^}]+}", "").length()).reversed());
        for (String t : templates) {
            String regex = Pattern.quote(t).replace("{id}", "\\E.+\\Q").replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (bare.matches(regex) && doc.path("paths").path(t).has(method.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new AssertionError(method + " " + bare + " is not documented in /openapi.json");
    }

    /** Fails unless the document allows this answer to {@code method path}. */
    public void check(String method, String path, int status, String contentType, Map<String, List<String>> headers,
                      String body) {
        String template = template(method, path);
        JsonNode responses = doc.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).path("responses");
        JsonNode response = responses.path(Integer.toString(status));
        if (response.isMissingNode()) {
            throw new AssertionError(method + " " + path + " answered " + status + ", which " + template
                    + " does not document (it documents " + names(responses.fieldNames()) + "): " + body);
        }
        response = resolve(response);
        response.path("headers").fieldNames().forEachRemaining(h -> {
            if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(h))) {
                throw new AssertionError(method + " " + path + " " + status + " lacks the documented header " + h);
            }
        });
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        JsonNode content = response.path("content").path(media);
        if (content.isMissingNode()) {
            throw new AssertionError(method + " " + path + " " + status + " answered content type '" + contentType
                    + "', documented: " + names(response.path("content").fieldNames()));
        }
        ObjectNode schema = (ObjectNode) content.path("schema").deepCopy();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("components", doc.path("components"));
        Schema validator = registry.getSchema(schema.toString(), InputFormat.JSON);
        String instance = media.equals("application/json") ? body : mapper.valueToTree(body).toString();
        List<Error> errors = validator.validate(instance, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " " + status + ": the body does not fit the documented "
                    + "schema: " + errors + "\nbody: " + body);
        }
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = doc.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private static String names(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out.toString();
    }
}
