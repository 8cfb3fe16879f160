package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.Map;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.RunType;

/**
 * Airflow's {@code DAGRun} object, plus {@code queued_at}, {@code dag_version} (the DAG version the
 * run uses), and {@code sla_missed} / {@code sla_missed_at} (when the run was found late for its
 * DAG's SLA).
 */
record DagRunView(String dagRunId, String dagId, Instant logicalDate, Instant executionDate, Instant startDate,
                  Instant endDate, Instant dataIntervalStart, Instant dataIntervalEnd,
                  Instant lastSchedulingDecision, String runType, String state, Boolean externalTrigger,
                  Map<String, Object> conf, String note, Instant queuedAt, String dagVersion,
                  boolean slaMissed, Instant slaMissedAt) {

    static DagRunView of(DagRunRow run) {
        return new DagRunView(run.runId(), run.dagId(), run.logicalDate(), run.logicalDate(), run.startDate(),
                run.endDate(), run.interval().start(), run.interval().end(), null, run.runType().wireName(),
                run.state().wireName(), run.runType() == RunType.MANUAL, conf(run.conf()), run.note(),
                run.queuedAt(), run.dagVersion(), run.slaMissedAt() != null, run.slaMissedAt());
    }

    private static Map<String, Object> conf(String json) {
        try {
            return Json.objectOf(json);
        } catch (IllegalArgumentException e) {
            // Conf is written by the server as a JSON object; anything else is shown as empty.
            return Map.of();
        }
    }
}
