package org.orchestrator.server.ops;

import java.time.Clock;
import java.util.Map;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.AuditLog;

/** Writes an action's one audit row inside the action's transaction. */
final class AuditTrail {

    private final Clock clock;
    private final AuditLog log = new AuditLog();

    AuditTrail(Clock clock) {
        this.clock = clock;
    }

    /**
     * What was done to which ids.
     *
     * @param action e.g. {@code post_dag_run}; the actor's channel adds {@code api.} or {@code cli.}
     * @param dagId  the DAG, or null
     * @param runId  the run, or null
     * @param taskId the task, or null
     * @param extra  details written as JSON, or null
     */
    record Entry(String action, String dagId, String runId, String taskId, Map<String, ?> extra) {
        static Entry of(String action, Map<String, ?> extra) {
            return new Entry(action, null, null, null, extra);
        }
    }

    void record(Tx h, Actor actor, Entry entry) {
        log.append(h, new AuditLog.Entry(actor.name(), actor.event(entry.action()), entry.dagId(), entry.runId(),
                entry.taskId(), entry.extra() == null ? null : Json.write(entry.extra()), actor.sourceIp()), clock.instant());
    }
}
