package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.List;
import org.orchestrator.server.state.Dags;

/**
 * One stored version of a DAG, as listed: {@code version} is the hash a run's {@code dag_version}
 * holds; {@code is_current} says whether it is the DAG's {@code current_version};
 * {@code run_count} counts the runs created on it and {@code recent_run_ids} names the latest few.
 */
record DagVersionView(String dagId, String version, Instant createdAt, String fileloc, boolean isCurrent, long runCount,
                      List<String> recentRunIds) {

    static DagVersionView of(Dags.VersionRow row, String current, long runCount, List<String> recentRunIds) {
        return new DagVersionView(row.dagId(), row.hash(), row.createdAt(), row.fileloc(), row.hash().equals(current),
                runCount, recentRunIds);
    }
}
