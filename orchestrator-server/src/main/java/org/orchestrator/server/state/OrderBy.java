package org.orchestrator.server.state;

import java.util.Map;
import java.util.TreeSet;

/**
 * Airflow's {@code order_by}: a field name, {@code -} in front for descending. Only fields a list
 * offers may be used (each maps to a column in code); a tie-breaker keeps pages stable.
 */
public final class OrderBy {

    private OrderBy() {
    }

    /**
     * @param requested  the parameter, or null for the default
     * @param columns    API field name → column
     * @param fallback   the default, e.g. {@code id} or {@code -logical_date}
     * @param tieBreaker a unique column appended last
     * @return {@code " ORDER BY col DESC, id"}
     */
    public static String sql(String requested, Map<String, String> columns, String fallback, String tieBreaker) {
        String field = requested == null || requested.isBlank() ? fallback : requested.trim();
        boolean descending = field.startsWith("-");
        String name = descending ? field.substring(1) : field;
        String column = columns.get(name);
        if (column == null) {
            throw new InvalidQueryException("cannot order by " + InvalidQueryException.quote(name) + "; use one of "
                    + String.join(", ", new TreeSet<>(columns.keySet())) + " (prefix '-' for descending)");
        }
        String direction = descending ? " DESC" : " ASC";
        return " ORDER BY " + column + direction + (column.equals(tieBreaker) ? "" : ", " + tieBreaker + direction);
    }
}
