package org.orchestrator.server.web;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** What the health page shows of the cluster: the nodes with their heartbeats, and each pool's slots in use. */
final class ClusterQueries {

    /**
     * A server node.
     *
     * @param nodeId      its id
     * @param host        the machine
     * @param roles       e.g. {@code scheduler,executor,web}
     * @param startedAt   when it joined
     * @param heartbeatAt its latest heartbeat
     */
    record NodeRow(String nodeId, String host, String roles, Instant startedAt, Instant heartbeatAt) {
    }

    /**
     * A pool and its load.
     *
     * @param name        pool name
     * @param slots       slots it has
     * @param description what it is for
     * @param running     task instances holding a slot now (queued or running)
     * @param waiting     task instances scheduled and waiting for a slot
     */
    record PoolRow(String name, int slots, String description, int running, int waiting) {
    }

    List<NodeRow> nodes(Handle h) {
        return h.createQuery("SELECT node_id, host, roles, started_at, heartbeat_at FROM node ORDER BY node_id")
                .map((rs, ctx) -> new NodeRow(rs.getString("node_id"), rs.getString("host"), rs.getString("roles"),
                        instant(rs, "started_at"), instant(rs, "heartbeat_at"))).list();
    }

    List<PoolRow> pools(Handle h) {
        return h.createQuery("""
                SELECT p.name, p.slots, p.description,
                  (SELECT COUNT(*) FROM task_instance t WHERE t.pool = p.name AND t.state IN ('queued', 'running')) AS used,
                  (SELECT COUNT(*) FROM task_instance t WHERE t.pool = p.name AND t.state = 'scheduled') AS waiting
                FROM pool p ORDER BY p.name""")
                .map((rs, ctx) -> new PoolRow(rs.getString("name"), rs.getInt("slots"), rs.getString("description"),
                        rs.getInt("used"), rs.getInt("waiting"))).list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
