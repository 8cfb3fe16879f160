package org.orchestrator.server.state;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Who did what, when, from where: one row per mutating action. */
public final class AuditLog {

    /**
     * An audited action.
     *
     * @param username who
     * @param event    what, e.g. {@code trigger}, {@code pause}, {@code clear}
     * @param dagId    on which DAG, if any
     * @param runId    on which run, if any
     * @param taskId   on which task, if any
     * @param extra    details as JSON or text
     * @param sourceIp from where
     */
    public record Entry(String username, String event, String dagId, String runId, String taskId, String extra,
                        String sourceIp) {
    }

    /** Appends an entry (part of the caller's transaction). */
    public void append(Tx h, Entry entry, Instant now) {
        h.createUpdate("INSERT INTO audit_log (dttm, username, event, dag_id, run_id, task_id, extra, source_ip) "
                        + "VALUES (:now, :username, :event, :dagId, :runId, :taskId, :extra, :sourceIp)")
                .bindMethods(entry).bind("now", now).execute();
    }
}
