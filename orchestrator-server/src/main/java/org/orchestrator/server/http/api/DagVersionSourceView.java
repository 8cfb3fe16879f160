package org.orchestrator.server.http.api;

import java.time.Instant;
import org.orchestrator.server.state.Dags;

/**
 * One stored version of a DAG with its code: the fields of {@link DagVersionView} plus
 * {@code source}, the bundle's source text, or null for jar bundles, whose source is not kept.
 */
record DagVersionSourceView(String dagId, String version, Instant createdAt, String fileloc, boolean isCurrent,
                            String source) {

    static DagVersionSourceView of(Dags.VersionRow row, String current) {
        return new DagVersionSourceView(row.dagId(), row.hash(), row.createdAt(), row.fileloc(),
                row.hash().equals(current), row.source());
    }
}
