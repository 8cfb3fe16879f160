package org.orchestrator.tasks.notify;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.FailedTask;
import org.orchestrator.api.TaskEvent;

/**
 * The names a notifier's message templates see, as Airflow's callback context has them:
 * {@code dag.dag_id}, {@code ti.task_id}, {@code run_id}, {@code ds}, {@code ts},
 * {@code logical_date}, {@code state}, {@code exception}, the log or run link and, for a run,
 * {@code failed_tasks}.
 */
final class MessageNames {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private MessageNames() {
    }

    static Map<String, Object> of(TaskEvent e) {
        Map<String, Object> names = dates(e.logicalDate());
        String state = e.state().wireName();
        Map<String, Object> ti = Map.of("dag_id", e.dagId(), "task_id", e.taskId(), "run_id", e.runId(),
                "try_number", e.tryNumber(), "state", state, "log_url", e.logUrl().orElse(""));
        names.put("dag", Map.of("dag_id", e.dagId()));
        names.put("task", Map.of("task_id", e.taskId()));
        names.put("ti", ti);
        names.put("task_instance", ti);
        names.put("run_id", e.runId());
        names.put("state", state);
        names.put("exception", e.error().orElse(""));
        names.put("log_url", e.logUrl().orElse(""));
        return names;
    }

    static Map<String, Object> of(DagRunEvent e) {
        Map<String, Object> names = dates(e.logicalDate());
        String state = e.state().name().toLowerCase(Locale.ROOT);
        names.put("dag", Map.of("dag_id", e.dagId()));
        names.put("run_id", e.runId());
        names.put("dag_run", Map.of("run_id", e.runId(), "state", state, "run_url", e.runUrl().orElse("")));
        names.put("state", state);
        names.put("run_url", e.runUrl().orElse(""));
        List<Map<String, Object>> failed = e.failedTasks().stream().map(MessageNames::failed).toList();
        names.put("failed_tasks", failed);
        return names;
    }

    private static Map<String, Object> failed(FailedTask t) {
        return Map.of("task_id", t.taskId(), "try_number", t.tryNumber(), "error", t.error().orElse(""),
                "log_url", t.logUrl().orElse(""));
    }

    private static Map<String, Object> dates(java.time.Instant logicalDate) {
        ZonedDateTime logical = logicalDate.atZone(ZoneOffset.UTC);
        Map<String, Object> names = new HashMap<>();
        names.put("logical_date", logical);
        names.put("ds", logical.toLocalDate().toString());
        names.put("ds_nodash", logical.toLocalDate().toString().replace("-", ""));
        names.put("ts", TS.format(logical));
        return names;
    }
}
