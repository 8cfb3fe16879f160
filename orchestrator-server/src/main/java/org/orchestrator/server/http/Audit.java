package org.orchestrator.server.http;

import io.javalin.http.Context;
import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.server.http.auth.AccessGuard;
import org.orchestrator.server.state.AuditLog;

/**
 * Writes one audit row per mutating API call: who (the authenticated user), what (an Airflow-style
 * event name such as {@code api.post_dag_run}), on which ids, with which details, from which
 * address.
 */
public final class Audit {

    private final Jdbi jdbi;
    private final Clock clock;
    private final AuditLog log = new AuditLog();

    /** @param jdbi the database @param clock time */
    public Audit(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * What was done, on which ids.
     *
     * @param event  e.g. {@code api.patch_dag}
     * @param dagId  the DAG, or null
     * @param runId  the run, or null
     * @param taskId the task, or null
     * @param extra  details (usually the request body), or null
     */
    public record Action(String event, String dagId, String runId, String taskId, String extra) {
    }

    /** Records an action in its own transaction. */
    public void record(Context ctx, Action action) {
        jdbi.useHandle(h -> record(h, ctx, action));
    }

    /** Records an action as part of the caller's transaction. */
    public void record(Handle h, Context ctx, Action action) {
        String user = AccessGuard.principal(ctx).map(p -> p.username()).orElse(null);
        log.append(h, new AuditLog.Entry(user, action.event(), action.dagId(), action.runId(), action.taskId(),
                action.extra(), ctx.ip()), clock.instant());
    }
}
