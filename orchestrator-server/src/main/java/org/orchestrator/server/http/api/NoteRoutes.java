package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.state.DagRunRow;

/**
 * Airflow's notes: {@code PATCH …/dagRuns/{dag_run_id}/setNote} and
 * {@code PATCH …/taskInstances/{task_id}/setNote}, each with {@code {"note": "…"}}. An empty note
 * removes it. Answers the run or the task instance as it now is.
 */
final class NoteRoutes {

    /** The width of both note columns. */
    static final int MAX_NOTE = 4000;
    private static final String RUN = "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}";

    private final Api api;

    NoteRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.patch(RUN + "/setNote", "set_dag_run_note", "Set the note of a DAG run").role(Role.OP)
                .body(Forms.NoteForm.class).returns(Response.of(DagRunView.class)), this::runNote);
        router.add(Op.patch(RUN + "/taskInstances/{task_id}/setNote", "set_task_instance_note",
                        "Set the note of a task instance").role(Role.OP).body(Forms.NoteForm.class)
                .returns(Response.of(TaskInstanceView.class)), this::taskNote);
    }

    private void runNote(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        String note = note(ctx);
        DagRunRow run = api.run(dagId, runId);
        ctx.json(DagRunView.of(api.ops().runs().setNote(Api.actor(ctx), run, note)));
    }

    private void taskNote(Context ctx) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        String taskId = PathParams.get(ctx, "task_id");
        String note = note(ctx);
        TaskInstanceRecord found = api.taskInstance(dagId, runId, taskId);
        api.ops().tasks().setNote(Api.actor(ctx), found.ti(), note);
        ctx.json(TaskInstanceView.of(new TaskInstanceRecord(found.ti(), found.logicalDate(), note), api.maybeLoaded(dagId)));
    }

    /** @return the body's note, null for an empty one; a 400 when missing or too long */
    private static String note(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.NoteForm.class);
        String note = body.string("note").orElseThrow(() -> ApiProblem.badRequest("field 'note' (a string) is required"));
        if (note.length() > MAX_NOTE) {
            throw ApiProblem.badRequest("'note' may hold at most " + MAX_NOTE + " characters, got " + note.length());
        }
        return note.isEmpty() ? null : note;
    }
}
