package org.orchestrator.server.http.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** What {@code /health} asks the database. */
public final class HealthQueries {

    /**
     * A registered node as stored.
     *
     * @param nodeId      {@code name@incarnation}
     * @param host        the machine
     * @param roles       e.g. {@code scheduler,worker}
     * @param startedAt   when it joined
     * @param heartbeatAt its latest heartbeat
     */
    public record NodeRow(String nodeId, String host, String roles, Instant startedAt, Instant heartbeatAt) {
    }

    /** @return true when the database answers a trivial query */
    public boolean databaseAnswers(Handle h) {
        return h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
    }

    /** @return the latest heartbeat of any node that runs the scheduler role */
    public Optional<Instant> latestSchedulerHeartbeat(Handle h) {
        return h.createQuery("SELECT MAX(heartbeat_at) FROM node WHERE roles LIKE '%scheduler%'")
                .mapTo(Instant.class).findOne();
    }

    /** @return every registered node, by id */
    public List<NodeRow> nodes(Handle h) {
        return h.createQuery("SELECT node_id, host, roles, started_at, heartbeat_at FROM node ORDER BY node_id")
                .map((rs, ctx) -> new NodeRow(rs.getString("node_id"), rs.getString("host"), rs.getString("roles"),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "started_at", ctx),
                        ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "heartbeat_at", ctx)))
                .list();
    }
}
