package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.PoolQueries.PoolRecord;

/**
 * {@code GET /ui/api/cluster}: the nodes (alive while they heartbeat within the node timeout) and
 * the pools with their used slots, for the health page. A dashboard helper, not part of the Airflow API.
 */
final class ClusterRoutes {

    /**
     * @param nodeId      id
     * @param host        machine
     * @param roles       what it runs
     * @param startedAt   when it joined
     * @param heartbeatAt latest heartbeat
     * @param alive       heartbeat within the node timeout
     */
    record NodeView(String nodeId, String host, String roles, Instant startedAt, Instant heartbeatAt, boolean alive) {
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
    record PoolView(String name, int slots, String description, int running, int waiting) {
        static PoolView of(PoolRecord pool) {
            return new PoolView(pool.name(), pool.slots(), pool.description(), pool.queued() + pool.running(), pool.scheduled());
        }
    }

    /** @param nodes the nodes @param pools the pools @param nodeTimeoutSeconds how stale a heartbeat may be */
    record ClusterView(List<NodeView> nodes, List<PoolView> pools, long nodeTimeoutSeconds) {
    }

    private final Orchestrator orchestrator;

    ClusterRoutes(Orchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    void register(Javalin app) {
        app.get("/ui/api/cluster", this::cluster, Role.VIEWER);
    }

    private void cluster(Context ctx) {
        Instant oldest = orchestrator.clock().instant().minus(orchestrator.config().nodeTimeout());
        ClusterView view = new ClusterView(
                orchestrator.reads().nodes().stream().map(n -> new NodeView(n.nodeId(), n.host(), n.roles(), n.startedAt(),
                        n.heartbeatAt(), !n.heartbeatAt().isBefore(oldest))).toList(),
                orchestrator.reads().allPools().stream().map(PoolView::of).toList(),
                orchestrator.config().nodeTimeout().toSeconds());
        ctx.json(view);
    }
}
