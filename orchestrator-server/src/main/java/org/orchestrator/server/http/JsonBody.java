package org.orchestrator.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.orchestrator.server.http.openapi.OpenApiDocument;

/**
 * A request body that must be a JSON object, read field by field with the type each field must
 * have. Anything else (malformed JSON, a field of the wrong type, a field the endpoint does not
 * know) is a 400 naming the field, never a 500.
 *
 * <pre>{@code
 * JsonBody body = JsonBody.of(ctx).allowOnly("dag_run_id", "conf");
 * Optional<String> runId = body.string("dag_run_id");
 * }</pre>
 */
public final class JsonBody implements Inputs {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** @param ctx the request @return its body, which must be a JSON object */
    public static JsonBody of(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw ApiProblem.badRequest("the request body must be a JSON object, got an empty body");
        }
        JsonNode parsed;
        try {
            parsed = ApiJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the request body is not valid JSON: " + e.getOriginalMessage() + location(e));
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiProblem.badRequest("the request body must be a JSON object, got " + kind(parsed));
        }
        if (text.contains("\\u0000") && hasNul(object)) {
            throw ApiProblem.badRequest("the request body must not contain NUL characters (\\u0000)");
        }
        return new JsonBody(object);
    }

    /**
     * Rejects fields the endpoint does not know, as Airflow does.
     *
     * @param form the record whose components (in snake_case) are the known fields; the OpenAPI
     *             document describes the body from the same record
     * @return this
     */
    public JsonBody allowOnly(Class<? extends Record> form) {
        Set<String> allowed = Set.copyOf(OpenApiDocument.fieldNames(form));
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiProblem.badRequest("unknown field '" + name + "'; allowed fields: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    /** @param field a field name @return true when the body has it (even as null) */
    public boolean has(String field) {
        return node.has(field);
    }

    /** @param field a field name @return its text; empty when absent or null */
    @Override
    public Optional<String> string(String field) {
        return value(field).map(v -> expect(v.isTextual(), field, "a string", v).asText());
    }

    /** @param field a field name @return its boolean; empty when absent or null */
    public Optional<Boolean> bool(String field) {
        return value(field).map(v -> expect(v.isBoolean(), field, "a boolean", v).asBoolean());
    }

    /** @param field a field name @return its whole number; empty when absent or null */
    public Optional<Integer> integer(String field) {
        return value(field).map(v -> expect(v.isInt(), field, "a whole number", v).asInt());
    }

    /** @param field a field name @return its ISO-8601 date-time with an offset; empty when absent or null */
    @Override
    public Optional<Instant> instant(String field) {
        return string(field).map(text -> Dates.parse(field, text));
    }

    /** @param field a field name @return its number; empty when absent or null */
    @Override
    public Optional<Double> number(String field) {
        return value(field).map(v -> expect(v.isNumber(), field, "a number", v).asDouble());
    }

    /** @param field a field name @return its list of strings; an empty list when absent or null */
    @Override
    public List<String> list(String field) {
        return strings(field).orElse(List.of());
    }

    /** @param field a field name @return its JSON object as a map; empty when absent or null */
    public Optional<Map<String, Object>> object(String field) {
        return value(field).map(v -> ApiJson.MAPPER.convertValue(expect(v.isObject(), field, "a JSON object", v), MAP));
    }

    /** @param field a field name @return its list of strings; empty when absent or null */
    public Optional<List<String>> strings(String field) {
        return value(field).map(v -> {
            expect(v.isArray(), field, "a list of strings", v);
            List<String> list = new ArrayList<>();
            v.forEach(item -> list.add(expect(item.isTextual(), field, "a list of strings", item).asText()));
            return list;
        });
    }

    private Optional<JsonNode> value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** NUL is no character of any id or text here, and PostgreSQL text cannot hold it. */
    private static boolean hasNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        if (node.isObject()) {
            return node.properties().stream().anyMatch(e -> e.getKey().indexOf('\0') >= 0 || hasNul(e.getValue()));
        }
        for (JsonNode element : node) {
            if (hasNul(element)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode expect(boolean ok, String field, String what, JsonNode actual) {
        if (!ok) {
            throw ApiProblem.badRequest("field '" + field + "' must be " + what + ", got " + kind(actual));
        }
        return actual;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
