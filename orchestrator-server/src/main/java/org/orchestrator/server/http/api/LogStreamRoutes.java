package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.Map;
import org.orchestrator.server.execute.TryLogs;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Param;
import org.orchestrator.server.http.openapi.Response;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.TaskTries;

/**
 * {@code GET …/logs/{task_try_number}/stream}: a try's log as server-sent events, for following a
 * running task without polling the API. Each {@code log} event carries new text
 * ({@code {"content", "offset", "next_offset"}}) and has the next byte offset as its event id, so
 * a client that reconnects (an {@code EventSource} does, sending {@code Last-Event-ID}) resumes
 * where it stopped; {@code ?offset=N} starts elsewhere. An {@code end} event follows the last
 * text once the try has ended, and the stream closes. The log file is the one the try row names.
 */
final class LogStreamRoutes {

    /** How often an idle stream looks for new text (a file size check; the database only when idle). */
    private static final Duration TICK = Duration.ofMillis(200);
    /** A stream closes after this long; the client reconnects and resumes, so no request lives forever. */
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    /** An idle stream writes a comment this often, so a client that went away is noticed. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

    private final Api api;
    private final TryLookup lookup;

    LogStreamRoutes(Api api) {
        this.api = api;
        this.lookup = new TryLookup(api);
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}/stream",
                        "stream_log", "Follow a try's log as server-sent events (log, then end)").role(Role.VIEWER)
                .query(Param.of("offset:integer", "map_index:integer")).returns(Response.text("text/event-stream")), this::stream);
    }

    private void stream(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw ApiProblem.of(406, "Not Acceptable", "this endpoint streams text/event-stream; "
                    + "read a log as JSON or text at …/logs/{task_try_number}");
        }
        long offset = startOffset(ctx);
        TaskTries.TryRow row = lookup.find(ctx);
        new SseHandler(client -> follow(client, row, offset)).handle(ctx);
    }

    private void follow(SseClient client, TaskTries.TryRow row, long offset) {
        TryLogs logs = api.orchestrator().logs();
        long deadline = System.nanoTime() + LIFETIME.toNanos();
        long position = offset;
        long idleSince = System.nanoTime();
        try {
            while (!client.terminated() && System.nanoTime() < deadline) {
                TryLogs.Chunk chunk = logs.read(row.logPath(), position);
                if (!chunk.text().isEmpty() && chunk.nextOffset() > position) {
                    send(client, chunk, position);
                    position = chunk.nextOffset();
                    idleSince = System.nanoTime();
                    continue;
                }
                if (lookup.ended(row) && logs.read(row.logPath(), position).text().isEmpty()) {
                    client.sendEvent("end", Json.write(Map.of("next_offset", position)), String.valueOf(position));
                    return;
                }
                if (System.nanoTime() - idleSince > KEEP_ALIVE.toNanos()) {
                    client.sendComment("waiting");
                    idleSince = System.nanoTime();
                }
                Thread.sleep(TICK);
            }
        } catch (InterruptedException e) {
            // The server is stopping. The flag is not restored: H2 closes its file when an
            // interrupted thread does I/O, and nothing else runs on this thread after us.
        } finally {
            client.close();
        }
    }

    private static void send(SseClient client, TryLogs.Chunk chunk, long from) {
        String data = Json.write(Map.of("content", chunk.text(), "offset", from, "next_offset", chunk.nextOffset()));
        client.sendEvent("log", data, String.valueOf(chunk.nextOffset()));
    }

    /** @return {@code Last-Event-ID} (a reconnect) or {@code ?offset=}, else 0; a 400 for anything but a byte count */
    private static long startOffset(Context ctx) {
        String resume = ctx.header("Last-Event-ID");
        String given = resume != null && !resume.isBlank() ? resume : ctx.queryParam("offset");
        if (given == null || given.isBlank()) {
            return 0;
        }
        try {
            long offset = Long.parseLong(given.trim());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // Falls through to the 400 below.
        }
        throw ApiProblem.badRequest("the offset must be a byte count (0 or more), got " + ApiProblem.quote(given));
    }
}
