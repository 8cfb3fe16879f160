package org.orchestrator.server.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.orchestrator.server.state.Dags.VersionRow;

/** A DAG's versions with the runs that used each, as the API lists them. */
public final class DagVersionQueries {

    /** Runs named per version in the list. */
    private static final int RECENT_PER_VERSION = 5;
    /** Bounds the read for a DAG with a long history; a version none of these runs used lists no recent runs. */
    private static final int RECENT_SCAN = 500;

    private final Dags dags = new Dags();

    /**
     * A DAG's versions and their use.
     *
     * @param current    its current version hash
     * @param versions   every version it had
     * @param runCounts  version → how many runs used it
     * @param recentRuns version → the ids of its latest runs, newest first, at most five
     */
    public record VersionUse(String current, List<VersionRow> versions, Map<String, Long> runCounts,
                             Map<String, List<String>> recentRuns) {
    }

    /** @return the DAG's versions and their use, or empty when there is no such DAG */
    Optional<VersionUse> versions(Tx h, String dagId) {
        return dags.find(h, dagId).map(dag -> new VersionUse(dag.currentVersion(), dags.versions(h, dagId),
                runCounts(h, dagId), recentRuns(h, dagId)));
    }

    private static Map<String, Long> runCounts(Tx h, String dagId) {
        Map<String, Long> counts = new HashMap<>();
        h.createQuery("SELECT dag_version, COUNT(*) FROM dag_run WHERE dag_id = :dag AND dag_version IS NOT NULL "
                        + "GROUP BY dag_version").bind("dag", dagId)
                .map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static Map<String, List<String>> recentRuns(Tx h, String dagId) {
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
}
