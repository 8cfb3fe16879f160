package org.orchestrator.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A run of another DAG that a task asks for ({@link TaskContext#triggerDagRun}); the triggered
 * run records the task that asked, and the API shows it as its parent.
 *
 * @param dagId       the DAG to run
 * @param runId       the run id, or null for the server's {@code manual__<logical date>}
 * @param logicalDate the logical date, or null for now
 * @param conf        the run's conf (JSON-like values)
 */
public record DagRunRequest(String dagId, String runId, Instant logicalDate, Map<String, Object> conf) {

    /** Checks the DAG id and copies the conf. */
    public DagRunRequest {
        Objects.requireNonNull(dagId, "dagId");
        conf = conf == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conf));
    }
}
