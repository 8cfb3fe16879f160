package org.orchestrator.tasks.sensor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.Jdbc;
import org.orchestrator.tasks.sql.SqlParam;

/**
 * Waits until a query's first value is truthy (true, a non-zero number, a non-empty string other
 * than "false"/"0"); no row or NULL means not yet. Each poke opens a short connection.
 *
 * <pre>{@code
 * .task("wait_for_partition", SqlSensor.on("warehouse",
 *                 "SELECT COUNT(*) FROM orders WHERE created_at >= ? AND created_at < ?",
 *                 SqlParam.intervalStart(), SqlParam.intervalEnd())
 *         .pokeInterval(Duration.ofMinutes(5)).timeout(Duration.ofHours(3)).build())
 * }</pre>
 */
public final class SqlSensor extends Sensor {

    private final String connId;
    private final String sql;
    private final List<Object> params;

    private SqlSensor(Builder b) {
        super(b);
        connId = b.connId;
        sql = b.sql;
        params = b.params;
    }

    /**
     * {@return a builder}
     *
     * @param connId a connection of type {@code jdbc}
     * @param sql the query
     * @param params literals or {@link SqlParam}s, one per {@code ?}
     */
    public static Builder on(String connId, String sql, Object... params) {
        return new Builder(Objects.requireNonNull(connId, "connId"), Objects.requireNonNull(sql, "sql"), Arrays.asList(params));
    }

    @Override
    protected boolean poke(TaskContext ctx) throws Exception {
        try (Connection conn = Jdbc.open(ctx, connId);
             PreparedStatement ps = conn.prepareStatement(ctx.render("sql", sql))) {
            Jdbc.bind(ps, SqlParam.resolve(params, ctx));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && Jdbc.truthy(rs.getObject(1));
            }
        }
    }

    @Override
    protected String describe(TaskContext ctx) {
        return "(" + ctx.render("sql", sql).strip() + ") on '" + connId + "' to be true";
    }

    /** The query is a Jinja template. */
    @Override
    public java.util.Map<String, String> templateFields() {
        return org.orchestrator.tasks.internal.TemplateFields.of().add("sql", sql).build();
    }

    /** Configures a {@link SqlSensor}. */
    public static final class Builder extends Sensor.Builder<Builder> {
        private final String connId;
        private final String sql;
        private final List<Object> params;

        private Builder(String connId, String sql, List<Object> params) {
            this.connId = connId;
            this.sql = sql;
            this.params = new java.util.ArrayList<>(params);
        }

        /** {@return the sensor} */
        public SqlSensor build() {
            return new SqlSensor(this);
        }
    }
}
