package org.orchestrator.server.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.state.Dags;

/** Pausing and unpausing DAGs, one or many. */
public final class DagActions {

    private final Ground ground;
    private final Dags dags = new Dags();

    DagActions(Ground ground) {
        this.ground = ground;
    }

    /**
     * Pauses or unpauses a DAG. The flag is committed first; the schedule trigger follows it
     * after the commit (and, should that fail, at the sweep's next schedule refresh).
     *
     * @throws OperationException (not found) when the database knows no such DAG
     */
    public void pause(Actor actor, String dagId, boolean paused) {
        ground.audited(actor, h -> {
            if (!dags.setPaused(h, dagId, paused)) {
                throw OperationException.notFound("DAG " + OperationException.quote(dagId) + " not found");
            }
            return new Ground.Done<>(null, new AuditTrail.Entry("patch_dag", dagId, null, null, Map.of("is_paused", paused)));
        });
        ground.loops().pauseChanged(dagId);
    }

    /** Pauses or unpauses several DAGs (Airflow's bulk form) in one transaction with one audit row. */
    public void pauseAll(Actor actor, List<String> dagIds, boolean paused) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("is_paused", paused);
        extra.put("dag_ids", dagIds);
        ground.audited(actor, h -> {
            dagIds.forEach(dagId -> dags.setPaused(h, dagId, paused));
            return new Ground.Done<>(null, AuditTrail.Entry.of("patch_dags", extra));
        });
        dagIds.forEach(ground.loops()::pauseChanged);
    }
}
