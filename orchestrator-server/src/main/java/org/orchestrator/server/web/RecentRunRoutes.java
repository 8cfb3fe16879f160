package org.orchestrator.server.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.state.RecentRuns.RunDot;

/**
 * {@code GET /ui/api/recentRuns?dag_id=a&dag_id=b&limit=10}: each DAG's latest runs, newest
 * first, as {@code {"dag_runs": {"a": [...]}}}. A dashboard helper, not part of the Airflow API.
 */
final class RecentRunRoutes {

    private static final int MAX_DAGS = 1000;
    private static final int MAX_PER_DAG = 50;

    private final Reads reads;

    RecentRunRoutes(Reads reads) {
        this.reads = reads;
    }

    void register(Javalin app) {
        app.get("/ui/api/recentRuns", this::list, Role.VIEWER);
    }

    private void list(Context ctx) {
        List<String> dagIds = List.copyOf(new LinkedHashSet<>(ctx.queryParams("dag_id")));
        if (dagIds.size() > MAX_DAGS) {
            throw ApiProblem.badRequest("at most " + MAX_DAGS + " 'dag_id' values per request, got " + dagIds.size());
        }
        int limit = limit(ctx.queryParam("limit"));
        Map<String, List<RunDot>> runs = dagIds.isEmpty() ? Map.of() : reads.recentRuns(dagIds, limit);
        ctx.json(Map.of("dag_runs", runs));
    }

    private static int limit(String value) {
        if (value == null) {
            return 10;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_PER_DAG) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, with the rule
        }
        throw ApiProblem.badRequest("'limit' must be a whole number from 1 to " + MAX_PER_DAG + ", got "
                + ApiProblem.quote(value));
    }
}
