package org.orchestrator.tasks.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** One SQL statement and its parameters: literals or {@link SqlParam}s. */
record Statement(String sql, List<Object> params) {

    Statement {
        Objects.requireNonNull(sql, "sql");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("a SQL statement must not be blank");
        }
        params = List.copyOf(params);
    }

    static Statement of(String sql, Object... params) {
        return new Statement(sql, Arrays.asList(params).stream().map(Statement::nullGuard).toList());
    }

    // List.copyOf refuses nulls, so a null literal becomes a parameter that binds SQL NULL.
    private static Object nullGuard(Object param) {
        return param == null ? (SqlParam) ctx -> null : param;
    }

    @Override
    public String toString() {
        return sql.strip().replaceAll("\\s+", " ");
    }
}
