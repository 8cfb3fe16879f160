package org.orchestrator.server.http.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenAPI 3.0 schemas of the API's records, by reflection: each component becomes a snake_case
 * property (Jackson writes them so), every property is required (nulls are written, not left
 * out), and every non-primitive one is nullable.
 */
final class Schemas {

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private final Map<String, Object> components = new TreeMap<>();

    /** @return a {@code $ref} to an answer record's schema (every property present), defined once */
    Map<String, Object> ref(Class<?> record) {
        return ref(record, true);
    }

    /** @return a {@code $ref} to a request form's schema (every property optional), defined once */
    Map<String, Object> formRef(Class<?> form) {
        return ref(form, false);
    }

    private Map<String, Object> ref(Class<?> record, boolean allRequired) {
        String name = name(record);
        if (!components.containsKey(name)) {
            components.put(name, Map.of());
            components.put(name, objectOf(record, allRequired));
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    /** @return every schema defined so far, by name */
    Map<String, Object> components() {
        return components;
    }

    /** @return the snake_case names of a form record's fields */
    static List<String> fieldNames(Class<? extends Record> form) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : form.getRecordComponents()) {
            names.add(SNAKE.translate(c.getName()));
        }
        return names;
    }

    private Map<String, Object> objectOf(Class<?> record, boolean allRequired) {
        Map<String, Object> properties = new LinkedHashMap<>();
        addProperties(record, properties);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (allRequired) {
            schema.put("required", properties.keySet().stream().filter(name -> !omittable(record, name)).toList());
        } else {
            // Forms: unknown fields are refused with a 400, so the document says so too.
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    /** A field Jackson leaves out when null or empty (the problem's {@code errors}) is not required. */
    private static boolean omittable(Class<?> record, String name) {
        for (RecordComponent c : record.getRecordComponents()) {
            JsonInclude include = c.getAccessor().getAnnotation(JsonInclude.class);
            if (SNAKE.translate(c.getName()).equals(name) && include != null
                    && include.value() != JsonInclude.Include.ALWAYS && include.value() != JsonInclude.Include.USE_DEFAULTS) {
                return true;
            }
        }
        return false;
    }

    private void addProperties(Class<?> record, Map<String, Object> properties) {
        for (RecordComponent c : record.getRecordComponents()) {
            // @JsonUnwrapped targets fields and methods, so it lands on the accessor, not the component.
            if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                addProperties(c.getType(), properties);
            } else {
                properties.put(SNAKE.translate(c.getName()), property(c.getGenericType()));
            }
        }
    }

    private Map<String, Object> property(Type type) {
        Map<String, Object> schema = schemaOf(type);
        if (type instanceof Class<?> c && c.isPrimitive()) {
            return schema;
        }
        Map<String, Object> nullable = new LinkedHashMap<>(schema.containsKey("$ref") ? Map.of("allOf", List.of(schema)) : schema);
        nullable.put("nullable", true);
        return nullable;
    }

    private Map<String, Object> schemaOf(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schemaOf(p.getActualTypeArguments()[0]));
            }
            return Map.of("type", "object", "additionalProperties", true);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return Map.of("type", "string");
        }
        if (c == Instant.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return Map.of("type", "integer");
        }
        if (c == double.class || c == Double.class) {
            return Map.of("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c.isRecord()) {
            return ref(c);
        }
        if (Map.class.isAssignableFrom(c)) {
            return Map.of("type", "object", "additionalProperties", true);
        }
        return Map.of();
    }

    private static String name(Class<?> record) {
        String simple = record.getSimpleName();
        return simple.endsWith("View") && simple.length() > 4 ? simple.substring(0, simple.length() - 4) : simple;
    }
}
