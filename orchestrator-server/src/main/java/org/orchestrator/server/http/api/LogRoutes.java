package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import org.orchestrator.server.execute.TryLogs;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.query.TaskInstanceQueries;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code GET …/taskInstances/{task_id}/logs/{task_try_number}}: a try's log, as JSON
 * ({@code content}, {@code continuation_token}, and our {@code end_of_log}) or as
 * {@code text/plain}, by the {@code Accept} header. The file is the one the try row names; no
 * part of the request is used as a path. A client follows a running try by passing the token
 * back until {@code end_of_log}.
 */
final class LogRoutes {

    private final Api api;
    private final TaskInstanceQueries tis;
    private final TaskTries tries = new TaskTries();

    /** A piece of a log as JSON: Airflow's two fields and our {@code end_of_log}. */
    record LogChunk(String content, String continuationToken, boolean endOfLog) {
    }

    LogRoutes(Api api) {
        this.api = api;
        this.tis = new TaskInstanceQueries(api.orchestrator().database().isPostgres());
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}",
                        "get_log", "Get a try's log (JSON, or text/plain by Accept)").role(Role.VIEWER)
                .query(Param.of("full_content:boolean", "token:string")).returns(Response.jsonOrText(LogChunk.class)),
                this::log);
    }

    private void log(Context ctx) {
        boolean plain = wantsPlainText(ctx.header("Accept"));
        long tryNumber = Api.longParam(ctx, "task_try_number");
        QueryParams q = new QueryParams(ctx);
        long offset = q.bool("full_content").orElse(false) ? 0
                : q.string("token").map(LogToken::decode).map(LogToken::logPos).orElse(0L);
        TaskTries.TryRow row = tryRow(ctx, tryNumber);
        TryLogs logs = api.orchestrator().logs();
        TryLogs.Chunk chunk = logs.read(row.logPath(), offset);
        boolean finished = row.endDate() != null;
        boolean end = finished && logs.read(row.logPath(), chunk.nextOffset()).text().isEmpty();
        String token = new LogToken(chunk.nextOffset(), end).encode();
        if (plain) {
            ctx.header("X-Continuation-Token", token).contentType("text/plain; charset=utf-8").result(chunk.text());
            return;
        }
        ctx.json(new LogChunk(chunk.text(), token, end));
    }

    private TaskTries.TryRow tryRow(Context ctx, long tryNumber) {
        String dagId = PathParams.get(ctx, "dag_id");
        String runId = PathParams.get(ctx, "dag_run_id");
        String taskId = PathParams.get(ctx, "task_id");
        Optional<TaskTries.TryRow> row = api.orchestrator().jdbi().withHandle(h -> {
            api.run(h, dagId, runId);
            TaskInstanceRow ti = tis.find(h, dagId, runId, taskId).orElseThrow(() -> ApiProblem.notFound(
                    "task " + ApiProblem.quote(taskId) + " has no instance in DAG run " + ApiProblem.quote(runId))).ti();
            boolean plausible = tryNumber >= 1 && tryNumber <= ti.tryNumber();
            return plausible ? tries.find(h, ti.id(), (int) tryNumber) : Optional.<TaskTries.TryRow>empty();
        });
        return row.orElseThrow(() -> ApiProblem.notFound("task " + ApiProblem.quote(taskId) + " of DAG run "
                + ApiProblem.quote(runId) + " has no try " + tryNumber));
    }

    /** @return true for {@code text/plain}, false for JSON; a 406 for anything else */
    static boolean wantsPlainText(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            switch (type) {
                case "application/json", "application/*", "*/*" -> { return false; }
                case "text/plain", "text/*" -> { return true; }
                default -> { }
            }
        }
        throw ApiProblem.of(406, "Not Acceptable", "logs are served as application/json or text/plain, not "
                + ApiProblem.quote(accept));
    }
}
