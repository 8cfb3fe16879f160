package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.orchestrator.server.cluster.DatabaseLink;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.state.StaleWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} (and {@code /api/v1/health}), without authentication, in Airflow's shape
 * plus the cluster: the metadatabase answers or not; the scheduler is healthy while a node running
 * it has heartbeated within the node timeout; every registered node with its status. 200 while
 * this node reaches the database, 503 (same body, with the reason in {@code this_node.detail})
 * while it does not, so a load balancer takes the node out until the database is back.
 */
final class HealthRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private final Api api;

    record Status(String status) {
    }

    record SchedulerStatus(String status, Instant latestSchedulerHeartbeat) {
    }

    /**
     * @param nodeId          {@code name@incarnation}
     * @param name            the stable node name
     * @param host            the machine
     * @param roles           e.g. {@code scheduler,worker}
     * @param startedAt       when it joined
     * @param latestHeartbeat its latest heartbeat
     * @param status          {@code alive} while it heartbeats within the node timeout, else {@code dead}
     */
    record NodeStatus(String nodeId, String name, String host, String roles, Instant startedAt, Instant latestHeartbeat,
                      String status) {
    }

    /**
     * @param nodeId   this node's id
     * @param roles    its roles
     * @param database {@code reachable} or {@code unreachable}
     * @param detail   why it is unhealthy, or null
     * @param staleWrites writes of this node's tries rejected because the try no longer owned its instance (see StaleWrites)
     */
    record ThisNode(String nodeId, String roles, String database, String detail, long staleWrites) {
    }

    record Health(Status metadatabase, SchedulerStatus scheduler, ThisNode thisNode, List<NodeStatus> nodes) {
    }

    private record Snapshot(SchedulerStatus scheduler, List<NodeStatus> nodes) {
    }

    HealthRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        Response health = Response.of(Health.class);
        router.add(Op.get("/health", "get_health_root", "Health of the metadatabase, the scheduler and the cluster's nodes")
                .role(Role.PUBLIC).returns(health), this::health);
        router.add(Op.get("/api/v1/health", "get_health", "Health of the metadatabase, the scheduler and the cluster's nodes")
                .role(Role.PUBLIC).returns(health), this::health);
    }

    private void health(Context ctx) {
        var orchestrator = api.orchestrator();
        String roles = orchestrator.config().roles().toString();
        DatabaseLink link = orchestrator.node().link();
        if (!link.isUp()) {
            unhealthy(ctx, roles, "database unreachable since " + link.downSince() + ": " + link.lastError());
            return;
        }
        Snapshot snapshot;
        try {
            snapshot = orchestrator.reads().databaseAnswers() ? snapshot() : null;
        } catch (RuntimeException e) {
            LOG.warn("health check: the database does not answer: {}", e.getMessage());
            unhealthy(ctx, roles, "database unreachable: " + e.getMessage());
            return;
        }
        ctx.json(new Health(new Status("healthy"), snapshot.scheduler(),
                new ThisNode(orchestrator.nodeId(), roles, "reachable", null,
                StaleWrites.count()), snapshot.nodes()));
    }

    private Snapshot snapshot() {
        Instant oldest = api.orchestrator().clock().instant().minus(api.orchestrator().config().nodeTimeout());
        boolean schedulerAlive = api.orchestrator().reads().latestSchedulerHeartbeat().filter(at -> !at.isBefore(oldest)).isPresent();
        SchedulerStatus scheduler = new SchedulerStatus(schedulerAlive ? "healthy" : "unhealthy",
                api.orchestrator().reads().latestSchedulerHeartbeat().orElse(null));
        List<NodeStatus> nodes = api.orchestrator().reads().nodes().stream().map(n -> new NodeStatus(n.nodeId(), nameOf(n.nodeId()), n.host(),
                n.roles(), n.startedAt(), n.heartbeatAt(), n.heartbeatAt().isBefore(oldest) ? "dead" : "alive")).toList();
        return new Snapshot(scheduler, nodes);
    }

    private void unhealthy(Context ctx, String roles, String detail) {
        ctx.status(503).json(new Health(new Status("unhealthy"), new SchedulerStatus("unhealthy", null),
                new ThisNode(api.orchestrator().nodeId(), roles, "unreachable", detail,
                        StaleWrites.count()), List.of()));
    }

    private static String nameOf(String nodeId) {
        int at = nodeId.lastIndexOf('@');
        return at < 0 ? nodeId : nodeId.substring(0, at);
    }
}
