package org.orchestrator.api;

import java.time.Instant;

/**
 * What a DAG-run callback is told.
 *
 * @param dagId       the DAG
 * @param runId       the run
 * @param logicalDate the run's logical date
 * @param state       success or failed
 */
public record DagRunEvent(String dagId, String runId, Instant logicalDate, DagRunState state) {
}
