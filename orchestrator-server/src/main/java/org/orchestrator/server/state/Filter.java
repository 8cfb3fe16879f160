package org.orchestrator.server.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * A WHERE clause built from optional API filters. Columns come from code, values are always
 * bound, never spliced into the SQL.
 *
 * <pre>{@code
 * Filter where = new Filter().eq("dag_id", dagId).in("state", states).atLeast("logical_date", from);
 * }</pre>
 */
public final class Filter {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> binds = new HashMap<>();
    private final Map<String, List<?>> lists = new HashMap<>();

    /** @param column a column @param value required value, or null for no filter @return this */
    public Filter eq(String column, Object value) {
        if (value != null) {
            clauses.add(column + " = :" + name(value));
        }
        return this;
    }

    /** @param column a column @param values any of these, or empty for no filter @return this */
    public Filter in(String column, Collection<?> values) {
        return list(column, " IN ", values);
    }

    /** @param column a column @param values none of these, or empty for no filter @return this */
    public Filter notIn(String column, Collection<?> values) {
        return list(column, " NOT IN ", values);
    }

    private Filter list(String column, String operator, Collection<?> values) {
        if (!values.isEmpty()) {
            String name = "p" + (binds.size() + lists.size());
            lists.put(name, List.copyOf(values));
            clauses.add(column + operator + "(<" + name + ">)");
        }
        return this;
    }

    /** @param expression a column or expression @param bound inclusive lower bound, if any @return this */
    public Filter atLeast(String expression, Optional<?> bound) {
        bound.ifPresent(v -> clauses.add(expression + " >= :" + name(v)));
        return this;
    }

    /** @param expression a column or expression @param bound inclusive upper bound, if any @return this */
    public Filter atMost(String expression, Optional<?> bound) {
        bound.ifPresent(v -> clauses.add(expression + " <= :" + name(v)));
        return this;
    }

    /** @param expression a column or expression @param range inclusive bounds @return this */
    public Filter within(String expression, Range<?> range) {
        return atLeast(expression, range.from()).atMost(expression, range.to());
    }

    /** @param expression a column or expression @param bound exclusive upper bound, if any @return this */
    public Filter before(String expression, Optional<?> bound) {
        bound.ifPresent(v -> clauses.add(expression + " < :" + name(v)));
        return this;
    }

    /** @param expression a column or expression @param bound exclusive lower bound, if any @return this */
    public Filter after(String expression, Optional<?> bound) {
        bound.ifPresent(v -> clauses.add(expression + " > :" + name(v)));
        return this;
    }

    /**
     * Case-insensitive substring match, as Airflow's {@code dag_id_pattern}.
     *
     * @param column  a text column
     * @param pattern the substring to find (SQL wildcards in it match themselves), or null
     * @return this
     */
    public Filter contains(String column, String pattern) {
        if (pattern != null) {
            clauses.add("LOWER(" + column + ") LIKE :" + name("%" + escape(pattern.toLowerCase(java.util.Locale.ROOT)) + "%")
                    + " ESCAPE '!'");
        }
        return this;
    }

    /**
     * Matches rows whose comma-separated column holds any of the items (a DAG's tags).
     *
     * @param csvColumn a column such as {@code tags} holding {@code a,b,c}
     * @param items     wanted items, or empty for no filter
     * @return this
     */
    public Filter hasAnyItem(String csvColumn, Collection<String> items) {
        if (!items.isEmpty()) {
            List<String> any = new ArrayList<>();
            for (String item : items) {
                any.add("(',' || " + csvColumn + " || ',') LIKE :" + name("%," + escape(item) + ",%") + " ESCAPE '!'");
            }
            clauses.add("(" + String.join(" OR ", any) + ")");
        }
        return this;
    }

    /** @param sql a condition with no parameters, written in code @return this */
    public Filter where(String sql) {
        clauses.add(sql);
        return this;
    }

    /** @return {@code " WHERE a AND b"}, or an empty string */
    public String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    /** Binds the values into a statement built with {@link #sql()}. */
    public <S extends SqlStatement<S>> S bind(S statement) {
        statement.bindMap(binds);
        lists.forEach(statement::bindList);
        return statement;
    }

    private static String escape(String text) {
        // '!' rather than a backslash: Jdbi's statement parser reads a backslash before a quote as an escape.
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private String name(Object value) {
        String name = "p" + (binds.size() + lists.size());
        binds.put(name, value);
        return name;
    }
}
