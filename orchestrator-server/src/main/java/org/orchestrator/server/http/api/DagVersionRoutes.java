package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.state.Dags;
import org.orchestrator.server.state.DagVersionQueries.VersionUse;

/**
 * The code of a DAG's versions: {@code GET /api/v1/dags/{dag_id}/dagVersions} (newest first) and
 * {@code …/dagVersions/{version}} (with its source). Reads the stored history, so a DAG whose
 * bundle went away still answers.
 */
final class DagVersionRoutes {

    private final Api api;

    DagVersionRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/dags/{dag_id}/dagVersions", "get_dag_versions", "List a DAG's versions")
                .role(Role.VIEWER).returns(Response.collection("dag_versions", DagVersionView.class)), this::list);
        router.add(Op.get("/api/v1/dags/{dag_id}/dagVersions/{version}", "get_dag_version",
                        "Get a version of a DAG with its source")
                .role(Role.VIEWER).returns(Response.of(DagVersionSourceView.class)), this::one);
    }

    private void list(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        VersionUse use = api.orchestrator().reads().dagVersions(dagId).orElseThrow(() -> Api.dagNotFound(dagId));
        List<DagVersionView> versions = use.versions().stream()
                .sorted(Comparator.comparing(Dags.VersionRow::createdAt).thenComparing(Dags.VersionRow::hash).reversed())
                .map(v -> DagVersionView.of(v, use.current(), use.runCounts().getOrDefault(v.hash(), 0L),
                        use.recentRuns().getOrDefault(v.hash(), List.of()))).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dag_versions", versions);
        body.put("total_entries", versions.size());
        ctx.json(body);
    }

    private void one(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String version = PathParams.get(ctx, "version");
        String current = api.orchestrator().reads().dag(dagId).orElseThrow(() -> Api.dagNotFound(dagId)).currentVersion();
        ctx.json(api.orchestrator().reads().dagVersion(dagId, version).map(v -> DagVersionSourceView.of(v, current))
                .orElseThrow(() -> ApiProblem.notFound("version " + ApiProblem.quote(version) + " of DAG "
                        + ApiProblem.quote(dagId) + " not found")));
    }

}
