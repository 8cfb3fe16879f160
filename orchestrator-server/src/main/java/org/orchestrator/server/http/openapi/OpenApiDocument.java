package org.orchestrator.server.http.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orchestrator.server.http.auth.Role;

/**
 * Builds the OpenAPI 3.0 document of the registered operations: paths, parameters, bodies,
 * answers (every error is a {@code Problem} as {@code application/problem+json}), HTTP Basic
 * security, and the least role of each operation as {@code x-required-role}.
 */
public final class OpenApiDocument {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z_]+)}");
    private static final List<String> INTEGER_PATH_PARAMS = List.of("task_try_number", "event_log_id", "import_error_id", "token_id");

    private final Schemas schemas = new Schemas();

    private OpenApiDocument() {
    }

    /**
     * @param operations every operation
     * @param version    the server's version
     * @param problem    the record errors are written as
     * @return the document, ready to be written as JSON
     */
    public static Map<String, Object> build(List<Op> operations, String version, Class<?> problem) {
        return new OpenApiDocument().document(operations, version, problem);
    }

    /** @param form a body's form record @return its field names, as the body carries them */
    public static List<String> fieldNames(Class<? extends Record> form) {
        return Schemas.fieldNames(form);
    }

    private Map<String, Object> document(List<Op> operations, String version, Class<?> problem) {
        Map<String, Object> problemRef = schemas.ref(problem);
        Map<String, Object> paths = new TreeMap<>();
        for (Op op : operations) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(op.path(), p -> new TreeMap<>());
            item.put(op.method().toLowerCase(java.util.Locale.ROOT), operation(op, problemRef));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Orchestrator REST API", "version", version, "description",
                "Airflow-shaped REST API (v1). Every route but /health needs HTTP Basic authentication; "
                        + "x-required-role names the least role (viewer < op < admin) an operation needs."));
        doc.put("security", List.of(Map.of("basic", List.of())));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", schemas.components(),
                "securitySchemes", Map.of("basic", Map.of("type", "http", "scheme", "basic"))));
        return doc;
    }

    private Map<String, Object> operation(Op op, Map<String, Object> problemRef) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", op.operationId());
        operation.put("summary", op.summary());
        operation.put("x-required-role", op.role().wireName());
        if (op.role() == Role.PUBLIC) {
            operation.put("security", List.of());
        }
        List<Object> parameters = parameters(op);
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (op.requestBody() != null) {
            operation.put("requestBody", Map.of("required", true,
                    "content", Map.of("application/json", Map.of("schema", schemas.formRef(op.requestBody())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put(String.valueOf(op.response().status()), success(op.response()));
        responses.put("default", Map.of("description", "An error, as an RFC 7807 problem",
                "content", Map.of("application/problem+json", Map.of("schema", problemRef))));
        operation.put("responses", responses);
        return operation;
    }

    private Map<String, Object> success(Response response) {
        if (response.type() == null && response.textType() == null) {
            return Map.of("description", "Done; no content");
        }
        Map<String, Object> content = new LinkedHashMap<>();
        if (response.type() != null) {
            Map<String, Object> schema = response.alternative() == null ? jsonSchema(response)
                    : Map.of("anyOf", List.of(jsonSchema(response), jsonSchema(response.alternative())));
            content.put("application/json", Map.of("schema", schema));
        }
        if (response.textType() != null) {
            content.put(response.textType(), Map.of("schema", Map.of("type", "string")));
        }
        return Map.of("description", "Success", "content", content);
    }

    private Map<String, Object> jsonSchema(Response response) {
        return response.collectionName() == null ? schemas.ref(response.type())
                : collection(response.collectionName(), schemas.ref(response.type()));
    }

    private static Map<String, Object> collection(String name, Map<String, Object> itemRef) {
        return Map.of("type", "object", "required", List.of(name, "total_entries"), "properties", Map.of(
                name, Map.of("type", "array", "items", itemRef), "total_entries", Map.of("type", "integer")));
    }

    private static List<Object> parameters(Op op) {
        List<Object> parameters = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(op.path());
        while (m.find()) {
            String type = INTEGER_PATH_PARAMS.contains(m.group(1)) ? "integer" : "string";
            parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", type)));
        }
        for (Param p : op.queryParams()) {
            parameters.add(Map.of("name", p.name(), "in", "query", "required", false, "schema", querySchema(p.type())));
        }
        return parameters;
    }

    private static Map<String, Object> querySchema(String type) {
        return switch (type) {
            case "date-time" -> Map.of("type", "string", "format", "date-time");
            case "array" -> Map.of("type", "array", "items", Map.of("type", "string"));
            default -> Map.of("type", type);
        };
    }
}
