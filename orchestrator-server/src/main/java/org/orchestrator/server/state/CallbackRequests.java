package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.orchestrator.api.TaskState;

/**
 * The callback outbox: a request is written in the transaction that makes the state change it
 * reports, and taken (deleted) by exactly one runner before the callback runs.
 */
public final class CallbackRequests {

    /** The event of a DAG run's SLA miss (the other events are state names). */
    public static final String SLA_MISS = "sla_miss";

    /**
     * A pending callback.
     *
     * @param id        key
     * @param kind      {@code task} or {@code dag_run}
     * @param event     success, failed, up_for_retry, or sla_miss for a run
     * @param dagId     DAG
     * @param runId     run
     * @param taskId    task, for task callbacks
     * @param tryNumber the try, for task callbacks
     * @param error     the error text, if any
     */
    public record Request(long id, String kind, String event, String dagId, String runId, String taskId,
                          Integer tryNumber, String error) {
    }

    /**
     * A callback to request; made by {@link #forTask} or {@link #forRun}.
     *
     * @param kind      {@code task} or {@code dag_run}
     * @param event     success, failed, up_for_retry, or sla_miss for a run
     * @param dagId     DAG
     * @param runId     run
     * @param taskId    task, for task callbacks, else null
     * @param tryNumber the try, for task callbacks, else null
     * @param error     the error text, if any
     */
    public record NewRequest(String kind, String event, String dagId, String runId, String taskId, Integer tryNumber,
                             String error) {
    }

    /**
     * @param ti    the task instance, with the try that ended
     * @param event the state the try left it in
     * @param error the try's error text, or null
     * @return the request for the task's callbacks of that event
     */
    public static NewRequest forTask(TaskInstanceRow ti, TaskState event, String error) {
        return new NewRequest("task", event.wireName(), ti.dagId(), ti.runId(), ti.taskId(), ti.tryNumber(), error);
    }

    /**
     * @param event the state the run finished in, or {@link #SLA_MISS}
     * @param dagId the DAG
     * @param runId the run
     * @return the request for the DAG's callbacks of that event
     */
    public static NewRequest forRun(String event, String dagId, String runId) {
        return new NewRequest("dag_run", event, dagId, runId, null, null, null);
    }

    /** Writes a request (part of the caller's transaction). */
    public void add(Tx h, NewRequest request, Instant now) {
        h.createUpdate("INSERT INTO callback_request (kind, event, dag_id, run_id, task_id, try_number, error, created_at) "
                        + "VALUES (:kind, :event, :dag, :run, :task, :try, :error, :now)")
                .bind("kind", request.kind()).bind("event", request.event()).bind("dag", request.dagId())
                .bind("run", request.runId()).bind("task", request.taskId()).bind("try", request.tryNumber())
                .bind("error", request.error()).bind("now", now).execute();
    }

    /** @return pending requests, oldest first */
    public List<Request> pending(Tx h, int limit) {
        return h.createQuery("SELECT * FROM callback_request ORDER BY id LIMIT :limit").bind("limit", limit)
                .map((rs, ctx) -> new Request(rs.getLong("id"), rs.getString("kind"), rs.getString("event"),
                        rs.getString("dag_id"), rs.getString("run_id"), rs.getString("task_id"),
                        (Integer) rs.getObject("try_number"), rs.getString("error")))
                .list();
    }

    /** Takes a request: @return true for the one caller that deleted it */
    public boolean take(Tx h, long id) {
        return h.createUpdate("DELETE FROM callback_request WHERE id = :id").bind("id", id).execute() == 1;
    }
}
