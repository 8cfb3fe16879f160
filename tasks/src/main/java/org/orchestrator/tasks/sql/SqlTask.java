package org.orchestrator.tasks.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.Jdbc;

/**
 * Runs SQL statements on a named JDBC connection (type {@code jdbc}: url is the JDBC URL, plus
 * login and password), in one transaction: they all commit or none does. Parameters are bound
 * with {@code ?}, never concatenated; they may be literals or {@link SqlParam}s read from the
 * try's context. Optionally the last statement's result goes into XCom: its first rows as a list
 * of maps (column labels lower-cased) or its first value.
 *
 * <pre>{@code
 * .task("refresh_daily", SqlTask.on("analytics")
 *         .statement("DELETE FROM daily_sales WHERE sales_day = ?", SqlParam.logicalDate())
 *         .statement("INSERT INTO daily_sales SELECT CAST(? AS DATE), SUM(amount) FROM orders"
 *                 + " WHERE created_at >= ? AND created_at < ?",
 *                 SqlParam.logicalDate(), SqlParam.intervalStart(), SqlParam.intervalEnd())
 *         .statement("SELECT total FROM daily_sales WHERE sales_day = ?", SqlParam.logicalDate())
 *         .returnValue()
 *         .build())
 * }</pre>
 */
public final class SqlTask implements Task {

    private enum Result { NONE, ROWS, VALUE }

    private final String connId;
    private final List<Statement> statements;
    private final Result result;
    private final int maxRows;
    private final String xcomKey;
    private final Duration queryTimeout;

    private SqlTask(Builder b) {
        connId = b.connId;
        statements = List.copyOf(b.statements);
        result = b.result;
        maxRows = b.maxRows;
        xcomKey = b.xcomKey;
        queryTimeout = b.queryTimeout;
    }

    /**
     * {@return a builder}
     *
     * @param connId a connection of type {@code jdbc}
     */
    public static Builder on(String connId) {
        return new Builder(Objects.requireNonNull(connId, "connId"));
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        try (Connection conn = Jdbc.open(ctx, connId)) {
            conn.setAutoCommit(false);
            try {
                Object answer = runAll(conn, ctx);
                conn.commit();
                if (result != Result.NONE) {
                    ctx.xcomPush(xcomKey, answer);
                }
            } catch (Exception e) {
                conn.rollback();
                throw e;
            }
        }
    }

    /** @return what the last statement answered, shaped for XCom, or null when no result is wanted */
    private Object runAll(Connection conn, TaskContext ctx) throws SQLException {
        Object answer = null;
        for (int i = 0; i < statements.size(); i++) {
            Statement statement = statements.get(i);
            boolean last = i == statements.size() - 1;
            try (PreparedStatement ps = conn.prepareStatement(statement.rendered(ctx, i, statements.size()))) {
                if (queryTimeout != null) {
                    ps.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
                }
                Jdbc.bind(ps, SqlParam.resolve(statement.params(), ctx));
                boolean hasRows = ps.execute();
                if (last && result != Result.NONE) {
                    answer = answer(ps, hasRows, statement);
                } else if (!hasRows) {
                    ctx.log().info("{} → {} row(s)", statement, ps.getUpdateCount());
                }
            } catch (SQLException e) {
                throw new OrchestratorException("statement " + (i + 1) + " of " + statements.size() + " on connection '"
                        + connId + "' failed (" + statement + "): " + e.getMessage(), e);
            }
        }
        return answer;
    }

    private Object answer(PreparedStatement ps, boolean hasRows, Statement statement) throws SQLException {
        if (!hasRows) {
            throw new OrchestratorException("the last statement returns no rows, so there is no result for XCom: " + statement);
        }
        try (ResultSet rs = ps.getResultSet()) {
            List<Map<String, Object>> rows = Jdbc.read(rs, result == Result.VALUE ? 1 : maxRows);
            if (result == Result.ROWS) {
                return new ArrayList<>(rows);
            }
            return rows.isEmpty() ? null : rows.getFirst().values().iterator().next();
        }
    }

    /** Each statement's text is a Jinja template; values bound as parameters are not rendered. */
    @Override
    public Map<String, String> templateFields() {
        return Statement.templateFields(statements);
    }

    @Override
    public String toString() {
        return "SqlTask[" + connId + ", " + statements.size() + " statement(s)]";
    }

    /**
     * Configures a {@link SqlTask}.
     *
     * <pre>{@code
     * SqlTask.on("analytics").statement("SELECT country, COUNT(*) AS loans FROM loans GROUP BY country")
     *         .returnRows(50).xcomKey("by_country").build()
     * }</pre>
     */
    public static final class Builder {
        private final String connId;
        private final List<Statement> statements = new ArrayList<>();
        private Result result = Result.NONE;
        private int maxRows;
        private String xcomKey = TaskContext.RETURN_VALUE;
        private Duration queryTimeout;

        private Builder(String connId) {
            this.connId = connId;
        }

        /**
         * One statement with {@code ?} placeholders.
         *
         * @param sql one statement with {@code ?} placeholders
         * @param params literal values or {@link SqlParam}s, one per placeholder
         * @return this
         */
        public Builder statement(String sql, Object... params) {
            statements.add(Statement.of(sql, params));
            return this;
        }

        /**
         * Pushes the last statement's first rows to XCom as a list of maps.
         *
         * @param max the most rows to push; keep XComs small
         * @return this
         */
        public Builder returnRows(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("returnRows needs at least 1 row, got " + max);
            }
            result = Result.ROWS;
            maxRows = max;
            return this;
        }

        /**

         * Pushes the first column of the last statement's first row (null when it has no rows).

         *

         * @return this builder

         */
        public Builder returnValue() {
            result = Result.VALUE;
            return this;
        }

        /**
         * The XCom key for the result (default {@code return_value}).
         *
         * @param key the XCom key for the result (default {@code return_value})
         * @return this
         */
        public Builder xcomKey(String key) {
            xcomKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * How long each statement may run before the driver cancels it and the try fails (whole seconds, at least 1; default: the driver's, usually none). JDBC calls do not all react to an interrupt, so this bounds a runaway query.
         *
         * @param timeout how long each statement may run before the driver cancels it and the try fails (whole seconds, at least 1; default: the driver's, usually none). JDBC calls do not all react to an interrupt, so this bounds a runaway query.
         * @return this
         */
        public Builder queryTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("query timeout must be > 0, got " + timeout);
            }
            queryTimeout = timeout;
            return this;
        }

        /** {@return the task} */
        public SqlTask build() {
            if (statements.isEmpty()) {
                throw new IllegalArgumentException("SQL task on '" + connId + "' has no statement");
            }
            return new SqlTask(this);
        }
    }
}
