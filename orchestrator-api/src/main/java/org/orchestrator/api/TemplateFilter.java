package org.orchestrator.api;

import java.util.List;

/**
 * A filter a DAG adds to its templates (Airflow's {@code user_defined_filters}):
 * {@code {{ ds | to_partition }}} or, with arguments, {@code {{ table | suffixed("_v2") }}}.
 *
 * <pre>{@code
 * Dag.builder("orders").userDefinedFilters(Map.of("to_partition", (value, args) -> "p" + value.toString().replace("-", "")))
 * }</pre>
 */
@FunctionalInterface
public interface TemplateFilter {

    /**
     * {@return the filtered value}
     *
     * @param value the value before the filter
     * @param args  the filter's arguments, as the template wrote them (empty without parentheses)
     */
    Object apply(Object value, List<Object> args);
}
