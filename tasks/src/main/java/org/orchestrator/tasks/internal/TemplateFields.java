package org.orchestrator.tasks.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.api.Task;

/**
 * Collects a task's templated fields for {@link Task#templateFields()}: only values that hold
 * Jinja markup, so a task without templates renders (and records) nothing.
 *
 * <pre>{@code
 * return TemplateFields.of().add("sql", sql).add("path", path).build();
 * }</pre>
 */
public final class TemplateFields {

    private final Map<String, String> fields = new LinkedHashMap<>();

    private TemplateFields() {
    }

    /** {@return an empty collection} */
    public static TemplateFields of() {
        return new TemplateFields();
    }

    /**
     * {@return this, with the field added when it is a template}
     *
     * @param name  the field's name
     * @param value its text, null allowed
     */
    public TemplateFields add(String name, String value) {
        if (Task.isTemplate(value)) {
            fields.put(name, value);
        }
        return this;
    }

    /**
     * {@return this, with each element added as {@code name[i]}}
     *
     * @param name   the list's name
     * @param values its elements
     */
    public TemplateFields addAll(String name, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            add(indexed(name, i), values.get(i));
        }
        return this;
    }

    /**
     * {@return this, with each value added as {@code name.key}}
     *
     * @param name   the map's name
     * @param values its entries
     */
    public TemplateFields addAll(String name, Map<String, String> values) {
        values.forEach((key, value) -> add(name + "." + key, value));
        return this;
    }

    /** {@return the fields, in the order added, read-only} */
    public Map<String, String> build() {
        return Collections.unmodifiableMap(fields);
    }

    /**
     * {@return the name of a list's element, as {@link #addAll(String, List)} names it}
     *
     * @param name  the list's name
     * @param index the element's index
     */
    public static String indexed(String name, int index) {
        return name + "[" + index + "]";
    }
}
