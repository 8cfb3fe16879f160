package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskDefinition;

/**
 * Airflow's {@code Task} object for one task of a DAG definition, plus {@code upstream_task_ids},
 * {@code max_retry_delay}, {@code task_group} (null outside any group) and {@code doc_html}: the
 * task's doc (Markdown) rendered safely ({@link Markdown}) for the dashboard. {@code weight_rule} is {@code absolute}: priorities are used as
 * written.
 */
record TaskView(ClassRef classRef, String taskId, String taskDisplayName, String owner, Instant startDate,
                Instant endDate, String triggerRule, List<Object> extraLinks, Boolean dependsOnPast, Boolean isMapped,
                Boolean waitForDownstream, Integer retries, String queue, String executor, String pool,
                Integer poolSlots, Map<String, Object> executionTimeout, Map<String, Object> retryDelay,
                Boolean retryExponentialBackoff, Integer priorityWeight, String weightRule, String uiColor,
                String uiFgcolor, List<String> templateFields, List<String> downstreamTaskIds,
                List<String> upstreamTaskIds, Map<String, Object> maxRetryDelay, String docMd,
                String docHtml, Map<String, Object> taskGroup) {

    /**
     * @param modulePath the package of the task's class
     * @param className  its simple name ({@code lambda} for a lambda)
     */
    record ClassRef(String modulePath, String className) {
    }

    static TaskView of(Dag dag, TaskDefinition task) {
        Class<?> type = task.task().getClass();
        boolean lambda = type.isSynthetic() || type.isHidden();
        return new TaskView(new ClassRef(type.getPackageName(), lambda ? "lambda" : type.getSimpleName()), task.id(),
                task.id(), dag.owner(), dag.startDate().orElse(null), dag.endDate().orElse(null),
                task.triggerRule().wireName(), List.of(), task.dependsOnPast(), task.isMapped(), task.waitForDownstream(), task.retries(), "default", null,
                task.pool(), 1, ScheduleViews.timeDelta(task.executionTimeout().orElse(null)),
                ScheduleViews.timeDelta(task.retryDelay()), task.exponentialBackoff(), task.priorityWeight(),
                "absolute", "#fff", "#000", List.of(), List.copyOf(new TreeSet<>(dag.downstream(task.id()))),
                List.copyOf(new TreeSet<>(task.upstream())), ScheduleViews.timeDelta(task.maxRetryDelay()),
                task.doc() == null || task.doc().isEmpty() ? null : task.doc(), Markdown.toSafeHtml(task.doc()),
                task.groupId().map(id -> group(id, task.groupPath())).orElse(null));
    }

    /** {@code {"group_id": innermost group, "path": [outermost, …, innermost]}}; a map, so the document may say null. */
    private static Map<String, Object> group(String groupId, List<String> path) {
        Map<String, Object> group = new java.util.LinkedHashMap<>();
        group.put("group_id", groupId);
        group.put("path", path);
        return group;
    }
}
