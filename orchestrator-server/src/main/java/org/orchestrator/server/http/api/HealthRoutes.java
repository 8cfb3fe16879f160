package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Optional;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.query.HealthQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code GET /health} (and {@code /api/v1/health}), without authentication, in Airflow's shape:
 * the metadatabase answers or not; the scheduler is healthy while a node running it has
 * heartbeated within the node timeout. Always 200, as in Airflow; the statuses tell.
 */
final class HealthRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    private final Api api;
    private final HealthQueries queries = new HealthQueries();

    record Status(String status) {
    }

    record SchedulerStatus(String status, Instant latestSchedulerHeartbeat) {
    }

    record Health(Status metadatabase, SchedulerStatus scheduler) {
    }

    HealthRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        Response health = Response.of(Health.class);
        router.add(Op.get("/health", "get_health_root", "Health of the metadatabase and the scheduler")
                .role(Role.PUBLIC).returns(health), this::health);
        router.add(Op.get("/api/v1/health", "get_health", "Health of the metadatabase and the scheduler")
                .role(Role.PUBLIC).returns(health), this::health);
    }

    private void health(Context ctx) {
        Optional<Instant> heartbeat;
        try {
            heartbeat = api.orchestrator().jdbi().withHandle(h -> queries.databaseAnswers(h)
                    ? queries.latestSchedulerHeartbeat(h) : Optional.<Instant>empty());
        } catch (RuntimeException e) {
            LOG.warn("health check: the database does not answer: {}", e.getMessage());
            ctx.json(new Health(new Status("unhealthy"), new SchedulerStatus("unhealthy", null)));
            return;
        }
        Instant now = api.orchestrator().clock().instant();
        boolean alive = heartbeat.filter(at -> !at.isBefore(now.minus(api.orchestrator().config().nodeTimeout()))).isPresent();
        ctx.json(new Health(new Status("healthy"), new SchedulerStatus(alive ? "healthy" : "unhealthy", heartbeat.orElse(null))));
    }
}
