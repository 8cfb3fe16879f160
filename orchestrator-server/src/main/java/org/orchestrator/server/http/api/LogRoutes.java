package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.Locale;
import org.orchestrator.server.execute.TryLogs;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.QueryParams;
import org.orchestrator.server.http.auth.Role;
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
    private final TryLookup lookup;

    /** A piece of a log as JSON: Airflow's two fields and our {@code end_of_log}. */
    record LogChunk(String content, String continuationToken, boolean endOfLog) {
    }

    LogRoutes(Api api) {
        this.api = api;
        this.lookup = new TryLookup(api);
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}",
                        "get_log", "Get a try's log (JSON, or text/plain by Accept)").role(Role.VIEWER)
                .query(Param.of("full_content:boolean", "token:string", "map_index:integer")).returns(Response.jsonOrText(LogChunk.class)),
                this::log);
    }

    private void log(Context ctx) {
        boolean plain = wantsPlainText(ctx.header("Accept"));
        QueryParams q = new QueryParams(ctx);
        long offset = q.bool("full_content").orElse(false) ? 0
                : q.string("token").map(LogToken::decode).map(LogToken::logPos).orElse(0L);
        TaskTries.TryRow row = lookup.find(ctx);
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
