package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.Map;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.RunType;

/**
 * Airflow's {@code DAGRun} object, plus {@code queued_at}, {@code dag_version} (the DAG version the
 * run uses), and {@code sla_missed} / {@code sla_missed_at} (when the run was found late for its
 * DAG's SLA), and {@code triggered_by_dag_id} / {@code triggered_by_dag_run_id} /
 * {@code triggered_by_task_id}: the task instance that triggered the run (TriggerDagRunTask), or null.
 */
record DagRunView(String dagRunId, String dagId, Instant logicalDate, Instant executionDate, Instant startDate,
                  Instant endDate, Instant dataIntervalStart, Instant dataIntervalEnd,
                  Instant lastSchedulingDecision, String runType, String state, Boolean externalTrigger,
                  Map<String, Object> conf, String note, Instant queuedAt, String dagVersion,
                  boolean slaMissed, Instant slaMissedAt,
                  String triggeredByDagId, String triggeredByDagRunId, String triggeredByTaskId) {

    static DagRunView of(DagRunRow run) {
        return new DagRunView(run.runId(), run.dagId(), run.logicalDate(), run.logicalDate(), run.startDate(),
                run.endDate(), run.interval().start(), run.interval().end(), null, run.runType().wireName(),
                run.state().wireName(), run.runType() == RunType.MANUAL, conf(run.conf()), run.note(),
                run.queuedAt(), run.dagVersion(), run.slaMissedAt() != null, run.slaMissedAt(),
                parent(run, DagRunRow.TriggeredBy::dagId), parent(run, DagRunRow.TriggeredBy::runId),
                parent(run, DagRunRow.TriggeredBy::taskId));
    }

    private static String parent(DagRunRow run, java.util.function.Function<DagRunRow.TriggeredBy, String> part) {
        return run.triggeredBy() == null ? null : part.apply(run.triggeredBy());
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
