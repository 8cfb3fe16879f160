package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.state.TaskInstanceRow;

/**
 * Airflow's {@code TaskInstance} object ({@code state} is null for a task that has not been
 * scheduled, as in Airflow 2.7+), plus {@code logical_date} and {@code next_retry_at}.
 */
record TaskInstanceView(String taskId, String taskDisplayName, String dagId, String dagRunId, Instant executionDate,
                        Instant logicalDate, Instant startDate, Instant endDate, Double duration, String state,
                        int tryNumber, int mapIndex, int maxTries, String hostname, String unixname, String pool,
                        int poolSlots, String queue, int priorityWeight, String operator, Instant queuedWhen,
                        Integer pid, String executor, String executorConfig, Object slaMiss, String renderedMapIndex,
                        Map<String, Object> renderedFields, Object trigger, Object triggererJob, String note,
                        Instant nextRetryAt) {

    static TaskInstanceView of(TaskInstanceRecord record, Optional<LoadedDag> dag) {
        return of(record, dag, Map.of());
    }

    /** @param rendered the current try's rendered templated fields (lists leave them empty: one read per row is too dear) */
    static TaskInstanceView of(TaskInstanceRecord record, Optional<LoadedDag> dag, Map<String, Object> rendered) {
        TaskInstanceRow ti = record.ti();
        return new TaskInstanceView(ti.taskId(), ti.taskId(), ti.dagId(), ti.runId(), record.logicalDate(),
                record.logicalDate(), ti.startDate(), ti.endDate(), ti.durationSeconds(), state(ti.state()),
                ti.tryNumber(), ti.mapIndex(), ti.maxTries(), ti.node() == null ? "" : ti.node(), "", ti.pool(), 1, "default",
                ti.priorityWeight(), operator(dag, ti.taskId()), ti.queuedAt(), null, null, "{}", null, null, rendered,
                null, null, record.note(), ti.nextRetryAt());
    }

    /** @return Airflow's spelling: null for {@code none} */
    static String state(TaskState state) {
        return state == TaskState.NONE ? null : state.wireName();
    }

    /** @return the task's class name; {@code lambda} for a task written as a lambda */
    private static String operator(Optional<LoadedDag> dag, String taskId) {
        return dag.flatMap(d -> d.dag().task(taskId)).map(t -> {
            Class<?> type = t.task().getClass();
            return type.isSynthetic() || type.isHidden() ? "lambda" : type.getSimpleName();
        }).orElse(null);
    }
}
