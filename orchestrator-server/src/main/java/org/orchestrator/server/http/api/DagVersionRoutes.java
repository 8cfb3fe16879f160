package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.state.Dags;

/**
 * The code of a DAG's versions: {@code GET /api/v1/dags/{dag_id}/dagVersions} (newest first) and
 * {@code …/dagVersions/{version}} (with its source). Reads the stored history, so a DAG whose
 * bundle went away still answers.
 */
final class DagVersionRoutes {

    /** Runs named per version in the list. */
    private static final int RECENT_PER_VERSION = 5;
    /** How many of the DAG's latest runs are looked at to name them. */
    private static final int RECENT_SCAN = 500;

    private final Api api;
    private final Dags dags = new Dags();

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
        List<DagVersionView> versions = api.orchestrator().jdbi().withHandle(h -> {
            String current = currentVersion(h, dagId);
            Map<String, Long> counts = runCounts(h, dagId);
            Map<String, List<String>> recent = recentRuns(h, dagId);
            return dags.versions(h, dagId).stream()
                    .sorted(Comparator.comparing(Dags.VersionRow::createdAt).thenComparing(Dags.VersionRow::hash).reversed())
                    .map(v -> DagVersionView.of(v, current, counts.getOrDefault(v.hash(), 0L),
                            recent.getOrDefault(v.hash(), List.of()))).toList();
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dag_versions", versions);
        body.put("total_entries", versions.size());
        ctx.json(body);
    }

    private void one(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String version = PathParams.get(ctx, "version");
        ctx.json(api.orchestrator().jdbi().withHandle(h -> {
            String current = currentVersion(h, dagId);
            return dags.version(h, dagId, version).map(v -> DagVersionSourceView.of(v, current))
                    .orElseThrow(() -> ApiProblem.notFound("version " + ApiProblem.quote(version) + " of DAG "
                            + ApiProblem.quote(dagId) + " not found"));
        }));
    }

    private static Map<String, Long> runCounts(Handle h, String dagId) {
        Map<String, Long> counts = new HashMap<>();
        h.createQuery("SELECT dag_version, COUNT(*) FROM dag_run WHERE dag_id = :dag AND dag_version IS NOT NULL "
                        + "GROUP BY dag_version").bind("dag", dagId)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The latest runs of each version, newest first; only the DAG's last runs are read, so an old version may list none. */
    private static Map<String, List<String>> recentRuns(Handle h, String dagId) {
        Map<String, List<String>> recent = new HashMap<>();
        h.createQuery("SELECT dag_version, run_id FROM dag_run WHERE dag_id = :dag AND dag_version IS NOT NULL "
                        + "ORDER BY id DESC LIMIT " + RECENT_SCAN).bind("dag", dagId)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> {
                    List<String> ids = recent.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                    if (ids.size() < RECENT_PER_VERSION) {
                        ids.add(e.getValue());
                    }
                });
        return recent;
    }

    private String currentVersion(Handle h, String dagId) {
        return dags.find(h, dagId).orElseThrow(() -> Api.dagNotFound(dagId)).currentVersion();
    }
}
