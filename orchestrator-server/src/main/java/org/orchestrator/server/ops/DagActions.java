package org.orchestrator.server.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.state.Dags;

/** Pausing and unpausing DAGs, one or many; deleting one that left the dags folder. */
public final class DagActions {

    private final Ground ground;
    private final Dags dags = new Dags();
    private final org.orchestrator.server.state.DagRuns runs = new org.orchestrator.server.state.DagRuns();

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

    /**
     * Deletes a DAG that is no longer in the dags folder, with its history (Airflow's
     * {@code dags delete}); the audit log stays. An active DAG is refused: its file would bring
     * it back at the next scan, so the file goes first. A DAG with queued or running runs is
     * refused too.
     *
     * @return how many runs were deleted
     * @throws OperationException not found, or a conflict naming why the DAG cannot go
     */
    public int delete(Actor actor, String dagId) {
        return ground.audited(actor, h -> {
            Dags.DagRow dag = dags.find(h, dagId).orElseThrow(() ->
                    OperationException.notFound("DAG " + OperationException.quote(dagId) + " not found"));
            if (dag.active()) {
                throw OperationException.conflict("DAG " + OperationException.quote(dagId) + " is still defined in the dags "
                        + "folder: remove its file first (the server marks it inactive at its next scan), or it comes back");
            }
            int active = runs.countActive(h, dagId);
            if (active > 0) {
                throw OperationException.conflict("DAG " + OperationException.quote(dagId) + " has " + active
                        + " queued or running run(s): wait for them or mark them failed first");
            }
            int deleted = dags.deleteWithHistory(h, dagId);
            return new Ground.Done<>(deleted, new AuditTrail.Entry("delete_dag", dagId, null, null, Map.of("runs", deleted)));
        });
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
