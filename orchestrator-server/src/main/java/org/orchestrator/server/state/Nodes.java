package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Node membership and heartbeats. */
public final class Nodes {

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
        static final String COLUMNS = "node_id, host, roles, started_at, heartbeat_at";

        static final RowMapper<NodeRow> MAPPER = (rs, ctx) -> new NodeRow(rs.getString("node_id"), rs.getString("host"),
                rs.getString("roles"), Rows.instant(rs, "started_at"), Rows.instant(rs, "heartbeat_at"));
    }

    /** @return every registered node, by id */
    public List<NodeRow> rows(Tx h) {
        return h.createQuery("SELECT " + NodeRow.COLUMNS + " FROM node ORDER BY node_id").map(NodeRow.MAPPER).list();
    }

    /** Registers (or re-registers) a node. */
    public void register(Tx h, String nodeId, String host, String roles, Instant now) {
        h.createUpdate("DELETE FROM node WHERE node_id = :id").bind("id", nodeId).execute();
        h.createUpdate("INSERT INTO node (node_id, host, roles, started_at, heartbeat_at) VALUES (:id, :host, :roles, :now, :now)")
                .bind("id", nodeId).bind("host", host).bind("roles", roles).bind("now", now).execute();
    }

    /** Records that the node is alive; @return false when the node has no row (it was removed) */
    public boolean heartbeat(Tx h, String nodeId, Instant now) {
        return h.createUpdate("UPDATE node SET heartbeat_at = :now WHERE node_id = :id")
                .bind("id", nodeId).bind("now", now).execute() == 1;
    }

    /** @return nodes whose last heartbeat is at or after the given instant */
    public List<String> aliveSince(Tx h, Instant since) {
        return h.createQuery("SELECT node_id FROM node WHERE heartbeat_at >= :since")
                .bind("since", since).mapTo(String.class).list();
    }

    /** @return the ids of every registered node, alive or not */
    public List<String> all(Tx h) {
        return h.createQuery("SELECT node_id FROM node").mapTo(String.class).list();
    }

    /** Removes every earlier incarnation ({@code name@…}) of a node name, alive or not. */
    public void removeIncarnations(Tx h, String name) {
        h.createUpdate("DELETE FROM node WHERE node_id LIKE :prefix").bind("prefix", name + "@%").execute();
    }

    /** Removes a node that stopped cleanly. */
    public void remove(Tx h, String nodeId) {
        h.createUpdate("DELETE FROM node WHERE node_id = :id").bind("id", nodeId).execute();
    }
}
