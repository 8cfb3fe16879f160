package org.orchestrator.server.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;

/** What an operator does to task instances: clear them, mark one, note one. */
public final class TaskActions {

    private final Ground ground;
    private final TaskClearing clearing = new TaskClearing();
    private final TaskInstances tis = new TaskInstances();

    TaskActions(Ground ground) {
        this.ground = ground;
    }

    /**
     * A clear of instances chosen by Airflow's scopes (the caller selects them).
     *
     * @param dag       the DAG (for retries)
     * @param selected  the instances to clear
     * @param resetRuns put their runs back to {@code queued}
     * @param runId     the run the request named, or null (audited)
     * @param request   the request as the client sent it (audited)
     */
    public record Clear(Dag dag, List<TaskInstanceRow> selected, boolean resetRuns, String runId, String request) {
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
                request.resetRuns(), ground.clock().instant());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cleared", cleared.size());
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
