package org.orchestrator.server.state;

import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.orchestrator.api.TaskState;

/**
 * One task instance as stored.
 *
 * @param id             surrogate key
 * @param runPk          the run's surrogate key
 * @param dagId          the DAG
 * @param runId          the run id
 * @param taskId         the task
 * @param state          current state
 * @param tryNumber      tries started so far (0 before the first)
 * @param maxTries       tries allowed in all
 * @param pool           slot pool
 * @param priorityWeight higher first
 * @param node           node running or last running it
 * @param queuedAt       when last queued
 * @param startDate      when the last try started
 * @param endDate        when it finished
 * @param nextRetryAt    when an up_for_retry instance is due
 * @param scheduledAt    when it last became ready (scheduled), the start of its scheduling delay
 * @param mapIndex       0..n-1 for an instance of a mapped task, -1 otherwise (and for a mapped task not expanded yet)
 */
public record TaskInstanceRow(long id, long runPk, String dagId, String runId, String taskId, TaskState state,
                              int tryNumber, int maxTries, String pool, int priorityWeight, String node,
                              Instant queuedAt, Instant startDate, Instant endDate, Instant nextRetryAt,
                              Instant scheduledAt, int mapIndex) {

    static final String COLUMNS = columns("");

    /** @param alias a table alias with its dot, or empty @return the columns the mapper reads, each with the alias */
    static String columns(String alias) {
        return alias + String.join(", " + alias, "id", "run_pk", "dag_id", "run_id", "task_id", "state", "try_number",
                "max_tries", "pool", "priority_weight", "node", "queued_at", "start_date", "end_date", "next_retry_at",
                "scheduled_at", "map_index");
    }

    static final RowMapper<TaskInstanceRow> MAPPER = (rs, ctx) -> new TaskInstanceRow(
            rs.getLong("id"), rs.getLong("run_pk"), rs.getString("dag_id"), rs.getString("run_id"),
            rs.getString("task_id"), TaskState.fromWireName(rs.getString("state")), rs.getInt("try_number"),
            rs.getInt("max_tries"), rs.getString("pool"), rs.getInt("priority_weight"), rs.getString("node"),
            Rows.instant(rs, "queued_at"), Rows.instant(rs, "start_date"), Rows.instant(rs, "end_date"),
            Rows.instant(rs, "next_retry_at"), Rows.instant(rs, "scheduled_at"), rs.getInt("map_index"));

    /** @return the task id, with {@code [i]} for a mapped instance: how logs and errors name it */
    public String label() {
        return mapIndex < 0 ? taskId : taskId + "[" + mapIndex + "]";
    }

    /** @return seconds between start and end, when both are known */
    public Double durationSeconds() {
        return startDate == null || endDate == null ? null : (endDate.toEpochMilli() - startDate.toEpochMilli()) / 1000.0;
    }
}
