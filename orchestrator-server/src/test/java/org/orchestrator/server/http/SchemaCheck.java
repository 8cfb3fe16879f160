package org.orchestrator.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON answer against an OpenAPI 3.0 schema as swagger-parser read it: {@code $ref},
 * {@code allOf}, {@code nullable}, types, {@code date-time}, required and unknown properties,
 * array items. Enough for the schemas this server documents.
 */
final class SchemaCheck {

    private final OpenAPI api;
    private final List<String> errors = new ArrayList<>();

    private SchemaCheck(OpenAPI api) {
        this.api = api;
    }

    /** @return what does not match; empty when the value matches the schema */
    static List<String> check(OpenAPI api, JsonNode value, Schema<?> schema) {
        SchemaCheck check = new SchemaCheck(api);
        check.value("$", value, schema);
        return check.errors;
    }

    private void value(String at, JsonNode node, Schema<?> schema) {
        Schema<?> s = resolve(schema);
        if (s.getAnyOf() != null) {
            anyOf(at, node, s.getAnyOf());
            return;
        }
        if (s.getAllOf() != null) {
            s.getAllOf().forEach(part -> value(at, node, part));
            if (node == null || node.isNull()) {
                return;
            }
        }
        if (node == null || node.isNull()) {
            if (!Boolean.TRUE.equals(s.getNullable()) && s.getType() != null) {
                errors.add(at + ": null but not nullable");
            }
            return;
        }
        String type = s.getType();
        if (type == null) {
            return;
        }
        switch (type) {
            case "object" -> object(at, node, s);
            case "array" -> array(at, node, s);
            case "string" -> string(at, node, s);
            case "integer" -> expect(at, node.isIntegralNumber(), "an integer", node);
            case "number" -> expect(at, node.isNumber(), "a number", node);
            case "boolean" -> expect(at, node.isBoolean(), "a boolean", node);
            default -> errors.add(at + ": unknown schema type " + type);
        }
    }

    /** Passes when the value matches at least one alternative; else reports why each failed. */
    private void anyOf(String at, JsonNode node, List<Schema> alternatives) {
        List<String> failures = new ArrayList<>();
        for (Schema<?> alternative : alternatives) {
            List<String> found = check(api, node, alternative);
            if (found.isEmpty()) {
                return;
            }
            failures.addAll(found);
        }
        errors.add(at + ": matches no alternative of anyOf: " + failures);
    }

    private void object(String at, JsonNode node, Schema<?> s) {
        if (!expect(at, node.isObject(), "an object", node)) {
            return;
        }
        Map<String, Schema> properties = s.getProperties() == null ? Map.of() : s.getProperties();
        if (s.getRequired() != null) {
            s.getRequired().stream().filter(name -> !node.has(name)).forEach(name -> errors.add(at + ": missing " + name));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Schema<?> property = properties.get(name);
            if (property != null) {
                value(at + "." + name, node.get(name), property);
            } else if (s.getAdditionalProperties() == null || Boolean.FALSE.equals(s.getAdditionalProperties())) {
                errors.add(at + ": undocumented property " + name);
            }
        }
    }

    private void array(String at, JsonNode node, Schema<?> s) {
        if (expect(at, node.isArray(), "an array", node)) {
            for (int i = 0; i < node.size(); i++) {
                value(at + "[" + i + "]", node.get(i), s.getItems());
            }
        }
    }

    private void string(String at, JsonNode node, Schema<?> s) {
        if (expect(at, node.isTextual(), "a string", node) && "date-time".equals(s.getFormat())) {
            try {
                OffsetDateTime.parse(node.asText());
            } catch (DateTimeParseException e) {
                errors.add(at + ": not a date-time: " + node.asText());
            }
        }
    }

    private boolean expect(String at, boolean ok, String what, JsonNode node) {
        if (!ok) {
            errors.add(at + ": expected " + what + ", got " + node);
        }
        return ok;
    }

    private Schema<?> resolve(Schema<?> schema) {
        Schema<?> s = schema;
        while (s.get$ref() != null) {
            s = api.getComponents().getSchemas().get(s.get$ref().substring("#/components/schemas/".length()));
        }
        return s;
    }
}
