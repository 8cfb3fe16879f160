package org.orchestrator.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed DAG param, as Airflow's {@code Param}: a default and a JSON Schema that every run's value
 * must satisfy. A trigger whose conf breaks it is refused before any run is created.
 *
 * <pre>{@code
 * Dag.builder("orders")
 *         .param("min_amount", Param.integer().minimum(0).defaultValue(0).description("smallest order kept"))
 *         .param("country", Param.string().enumOf("FR", "DE").defaultValue("FR"))
 *         .param("day", Param.date())                     // no default: a trigger must give it
 * }</pre>
 *
 * Immutable: each method returns a new param.
 */
public final class Param {

    private final Map<String, Object> schema;
    private final boolean hasDefault;
    private final Object defaultValue;

    private Param(Map<String, Object> schema, boolean hasDefault, Object defaultValue) {
        this.schema = Collections.unmodifiableMap(schema);
        this.hasDefault = hasDefault;
        this.defaultValue = defaultValue;
    }

    /** {@return a whole number} */
    public static Param integer() { return typed("integer"); }

    /** {@return any number} */
    public static Param number() { return typed("number"); }

    /** {@return a text} */
    public static Param string() { return typed("string"); }

    /** {@return true or false} */
    public static Param bool() { return typed("boolean"); }

    /** {@return a day, {@code 2026-12-07} (JSON Schema's {@code date} format); read it as {@link java.time.LocalDate}} */
    public static Param date() { return string().with("format", "date"); }

    /** {@return an instant with offset, {@code 2026-12-07T06:00:00Z}; read it as {@link java.time.Instant}} */
    public static Param dateTime() { return string().with("format", "date-time"); }

    /** {@return a list; see {@link #items(Param)}} */
    public static Param array() { return typed("array"); }

    /** {@return a JSON object} */
    public static Param object() { return typed("object"); }

    /**
     * {@return an untyped param, which takes any JSON value (the old {@code param(name, default)})}
     *
     * @param defaultValue the value of a param nobody set; no schema
     */
    public static Param any(Object defaultValue) {
        return new Param(new LinkedHashMap<>(), true, defaultValue);
    }

    /**
     * {@return a param with exactly that schema and no default}
     *
     * @param schema a JSON Schema written out (maps, lists, strings, numbers, booleans)
     */
    public static Param schema(Map<String, Object> schema) {
        return new Param(new LinkedHashMap<>(Objects.requireNonNull(schema, "schema")), false, null);
    }

    private static Param typed(String type) {
        return new Param(new LinkedHashMap<>(Map.of("type", type)), false, null);
    }

    /**
     * {@return a new param}
     *
     * @param value used when a run's conf does not set the param
     */
    public Param defaultValue(Object value) {
        return new Param(new LinkedHashMap<>(schema), true, value);
    }

    /**
     * {@return a new param}
     *
     * @param text what the param means, shown beside its input in the trigger form
     */
    public Param description(String text) { return with("description", text); }

    /**
     * {@return a new param}
     *
     * @param text a short label for the trigger form
     */
    public Param title(String text) { return with("title", text); }

    /**
     * {@return a new param}
     *
     * @param min smallest value allowed (numbers)
     */
    public Param minimum(Number min) { return with("minimum", min); }

    /**
     * {@return a new param}
     *
     * @param max largest value allowed (numbers)
     */
    public Param maximum(Number max) { return with("maximum", max); }

    /**
     * {@return a new param}
     *
     * @param min fewest characters (strings)
     */
    public Param minLength(int min) { return with("minLength", min); }

    /**
     * {@return a new param}
     *
     * @param max most characters (strings)
     */
    public Param maxLength(int max) { return with("maxLength", max); }

    /**
     * {@return a new param}
     *
     * @param regex an ECMA-262 pattern the whole text must match somewhere in (strings)
     */
    public Param pattern(String regex) { return with("pattern", regex); }

    /**
     * {@return a new param}
     *
     * @param values the only values allowed
     */
    public Param enumOf(Object... values) { return with("enum", List.copyOf(Arrays.asList(values))); }

    /**
     * {@return a new param}
     *
     * @param min fewest items (arrays)
     */
    public Param minItems(int min) { return with("minItems", min); }

    /**
     * {@return a new param}
     *
     * @param max most items (arrays)
     */
    public Param maxItems(int max) { return with("maxItems", max); }

    /**
     * {@return a new param}
     *
     * @param item the schema every item must satisfy (arrays)
     */
    public Param items(Param item) { return with("items", item.schema()); }

    /** {@return a new param that also accepts {@code null}} */
    public Param nullable() {
        Object type = schema.get("type");
        return type instanceof String single ? with("type", List.of(single, "null")) : this;
    }

    /**
     * {@return a new param}
     *
     * @param keyword any other JSON Schema keyword ({@code multipleOf}, {@code properties}…)
     * @param value its value
     */
    public Param with(String keyword, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(schema);
        next.put(Objects.requireNonNull(keyword, "keyword"), value);
        return new Param(next, hasDefault, defaultValue);
    }

    /** {@return the JSON Schema, read-only} */
    public Map<String, Object> schema() { return schema; }

    /** {@return the default, if the param has one} */
    public Optional<Object> defaultValue() { return Optional.ofNullable(defaultValue); }

    /** {@return true when the param has a default (possibly null)} */
    public boolean hasDefault() { return hasDefault; }

    /** {@return the description, or empty} */
    public String description() { return Objects.toString(schema.getOrDefault("description", ""), ""); }

    /** {@return true when the param has no schema, so any value goes} */
    public boolean untyped() { return schema.isEmpty(); }

    @Override
    public String toString() {
        return hasDefault ? schema + "=" + defaultValue : schema.toString();
    }
}
