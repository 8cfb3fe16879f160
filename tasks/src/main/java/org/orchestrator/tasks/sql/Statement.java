package org.orchestrator.tasks.sql;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.TemplateFields;

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

    /**
     * {@return the statement's text rendered as a Jinja template}
     *
     * @param index its index among {@code count} statements, which names the field
     */
    String rendered(TaskContext ctx, int index, int count) {
        return ctx.render(field(index, count), sql);
    }

    /** {@return the templated statements' fields: {@code sql}, or {@code sql[i]} when there are several} */
    static Map<String, String> templateFields(List<Statement> statements) {
        TemplateFields fields = TemplateFields.of();
        for (int i = 0; i < statements.size(); i++) {
            fields.add(field(i, statements.size()), statements.get(i).sql());
        }
        return fields.build();
    }

    private static String field(int index, int count) {
        return count == 1 ? "sql" : TemplateFields.indexed("sql", index);
    }

    @Override
    public String toString() {
        return sql.strip().replaceAll("\\s+", " ");
    }
}
