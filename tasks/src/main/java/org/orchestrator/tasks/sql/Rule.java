package org.orchestrator.tasks.sql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.Jdbc;

/**
 * One rule of a {@link SqlCheck}: a query whose first value must lie in [min, max] (either bound
 * may be open).
 */
record Rule(String what, Statement query, BigDecimal min, BigDecimal max) {

    /** @param sql the query's text, rendered @return why the rule is broken, or empty when it holds */
    Optional<String> breach(Connection conn, TaskContext ctx, String sql) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            Jdbc.bind(ps, SqlParam.resolve(query.params(), ctx));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getObject(1) == null) {
                    return Optional.of(what + ": the query returned no value, expected " + expected());
                }
                BigDecimal actual = new BigDecimal(rs.getObject(1).toString());
                boolean holds = (min == null || actual.compareTo(min) >= 0) && (max == null || actual.compareTo(max) <= 0);
                ctx.log().info("check {}: {} (expected {}) {}", what, actual.toPlainString(), expected(), holds ? "ok" : "BROKEN");
                return holds ? Optional.empty()
                        : Optional.of(what + ": " + actual.toPlainString() + ", expected " + expected());
            }
        }
    }

    String expected() {
        if (min != null && max != null) {
            return min.compareTo(max) == 0 ? min.toPlainString() : "between " + min.toPlainString() + " and " + max.toPlainString();
        }
        return min != null ? "at least " + min.toPlainString() : "at most " + max.toPlainString();
    }
}
