package org.orchestrator.server.http.api;

import java.time.Instant;
import org.orchestrator.server.state.Dags;

/**
 * One stored version of a DAG, as listed: {@code version} is the hash a run's {@code dag_version}
 * holds; {@code is_current} says whether it is the DAG's {@code current_version}.
 */
record DagVersionView(String dagId, String version, Instant createdAt, String fileloc, boolean isCurrent) {

    static DagVersionView of(Dags.VersionRow row, String current) {
        return new DagVersionView(row.dagId(), row.hash(), row.createdAt(), row.fileloc(), row.hash().equals(current));
    }
}
