package org.orchestrator.server.ops;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;

/** What an operator does to task instances: clear them, mark one, note one. */
public final class TaskActions {

    private final Ground ground;
    private final Reads reads;
    private final TaskClearing clearing = new TaskClearing();
    private final TaskInstances tis = new TaskInstances();

    TaskActions(Ground ground, Reads reads) {
        this.ground = ground;
        this.reads = reads;
    }

    /**
     * @return the instances a clear of this scope takes, clearing nothing (Airflow's {@code dry_run})
     * @throws OperationException (not found) when the scope names a run that does not exist
     */
    public List<TaskInstanceRecord> preview(ClearScope scope) {
        return reads.matchingTaskInstances(scope.filter(namedRun(scope)));
    }

    private DagRunRow namedRun(ClearScope scope) {
        return scope.runId() == null ? null : reads.run(scope.dag().id(), scope.runId()).orElseThrow(() ->
                OperationException.notFound("DAG run " + OperationException.quote(scope.runId()) + " not found in DAG "
                        + OperationException.quote(scope.dag().id())));
    }

    /**
     * @return the instances a mark of this scope would change: those not already in the target
     *         state (nor removed), marking nothing (Airflow's {@code dry_run})
     */
    public List<TaskInstanceRecord> previewMark(ClearScope scope, TaskState target) {
        List<String> others = Arrays.stream(TaskState.values()).filter(s -> s != target && s != TaskState.REMOVED)
                .map(TaskState::wireName).toList();
        return reads.matchingTaskInstances(scope.filter(namedRun(scope), others));
    }

    /**
     * Airflow's {@code updateTaskInstancesState}: marks every instance the scope takes, in one
     * transaction with one audit row; an instance that moved since it was read keeps its new state.
     *
     * @param target success or failed
     * @return the instances marked, as they were found
     */
    public List<TaskInstanceRecord> mark(Actor actor, ClearScope scope, TaskState target) {
        List<TaskInstanceRecord> selected = previewMark(scope, target);
        List<TaskInstanceRecord> marked = ground.audited(actor, h -> {
            Instant now = ground.clock().instant();
            List<TaskInstanceRecord> done = selected.stream().filter(r -> tis.mark(h, r.ti(), target, now)).toList();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("new_state", target.wireName());
            extra.put("marked", done.size());
            return new Ground.Done<>(done, new AuditTrail.Entry("post_set_task_instances_state", scope.dag().id(), scope.runId(),
                    scope.taskIds().getFirst(), extra));
        });
        List<TaskInstanceRow> rows = marked.stream().map(TaskInstanceRecord::ti).toList();
        ground.loops().tasksChanged(new Loops.Change("post_set_task_instances_state",
                rows.stream().map(TaskInstanceRow::runPk).collect(Collectors.toUnmodifiableSet()), RunActions.ids(rows)));
        return marked;
    }

    /**
     * Clears what the scope takes (see {@link #clear(Actor, Clear)}).
     *
     * @param resetRuns put their runs back to {@code queued}
     * @param toVersion see {@link Clear#toVersion()}
     * @param request   the request as the client sent it (audited)
     * @return the instances cleared, as they were found
     */
    public List<TaskInstanceRecord> clear(Actor actor, ClearScope scope, boolean resetRuns, String toVersion,
                                          String request) {
        List<TaskInstanceRecord> selected = preview(scope);
        Set<Long> cleared = clear(actor, new Clear(scope.dag(), selected.stream().map(TaskInstanceRecord::ti).toList(),
                resetRuns, scope.runId(), request, toVersion)).stream().map(TaskInstanceRow::id).collect(Collectors.toSet());
        return selected.stream().filter(r -> cleared.contains(r.ti().id())).toList();
    }

    /**
     * A clear of instances chosen by Airflow's scopes (the caller selects them).
     *
     * @param dag       the DAG (for retries)
     * @param selected  the instances to clear
     * @param resetRuns put their runs back to {@code queued}
     * @param runId     the run the request named, or null (audited)
     * @param request   the request as the client sent it (audited)
     * @param toVersion the DAG version the cleared runs run from now on (the latest, when the
     *                  operator chose it), or null to rerun each on the version it records
     */
    public record Clear(Dag dag, List<TaskInstanceRow> selected, boolean resetRuns, String runId, String request,
                        String toVersion) {
    }

    /**
     * Airflow's clear (see {@link TaskClearing}). Each run's instances are cleared in their own
     * transaction, so a clear over many runs never holds all their locks at once; the audit row
     * follows, counting what was cleared.
     *
     * @return the instances that were cleared
     */
    public List<TaskInstanceRow> clear(Actor actor, Clear request) {
        List<TaskInstanceRow> cleared = clearing.clear(ground.db(), request.dag(), request.selected(),
                request.resetRuns(), request.toVersion(), ground.clock().instant());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cleared", cleared.size());
        if (request.toVersion() != null) {
            extra.put("dag_version", request.toVersion());
        }
        extra.put("request", request.request());
        ground.audited(actor, h -> new Ground.Done<>(null, new AuditTrail.Entry("post_clear_task_instances",
                request.dag().id(), request.runId(), null, extra)));
        Set<Long> runIds = cleared.stream().map(TaskInstanceRow::runPk).collect(Collectors.toUnmodifiableSet());
        ground.loops().tasksChanged(new Loops.Change("post_clear_task_instances", runIds, RunActions.ids(cleared)));
        return cleared;
    }

    /**
     * Marks an instance {@code success}, {@code failed} or {@code skipped}, as the transition
     * table allows; a try still running finishes without overwriting the mark.
     *
     * @param ti     the instance as last read
     * @param target the state it gets
     * @throws OperationException (conflict) when it moved since it was read
     */
    public void mark(Actor actor, TaskInstanceRow ti, TaskState target) {
        ground.audited(actor, h -> {
            if (ti.state() != target && !tis.mark(h, ti, target, ground.clock().instant())) {
                throw OperationException.conflict("task instance " + ti.taskId() + " changed state while being marked; try again");
            }
            return new Ground.Done<>(null, new AuditTrail.Entry("patch_task_instance", ti.dagId(), ti.runId(), ti.taskId(),
                    Map.of("new_state", target.wireName())));
        });
        ground.loops().tasksChanged(new Loops.Change("patch_task_instance", Set.of(ti.runPk()), Set.of(ti.id())));
    }

    /** @param note the note, or null to remove it */
    public void setNote(Actor actor, TaskInstanceRow ti, String note) {
        ground.audited(actor, h -> {
            tis.setNote(h, ti.id(), note);
            return new Ground.Done<>(null, RunActions.noteEntry("set_task_instance_note", ti.dagId(), ti.runId(),
                    ti.taskId(), note));
        });
    }
}
