package org.orchestrator.server.ops;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.rules.InvalidConfException;
import org.orchestrator.rules.ParamCheck;
import org.orchestrator.api.DataInterval;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.schedule.DuplicateRunException;
import org.orchestrator.server.schedule.RunIds;
import org.orchestrator.server.schedule.RunCreator;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Dags;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.TaskInstanceRow;

/**
 * What an operator does to a DAG run: trigger it, clear it, set its state, delete it, note it.
 * Each is one transaction with its audit row; the loops it affects are woken after the commit.
 */
public final class RunActions {

    private final Ground ground;
    private final RunCreator creator;
    private final DagRuns runs = new DagRuns();
    private final Dags dags = new Dags();
    private final RunStateChange change = new RunStateChange();
    private final TaskClearing clearing = new TaskClearing();
    private final ParamCheck.UnknownKeys unknownConfKeys;

    RunActions(Ground ground, RunCreator creator, ParamCheck.UnknownKeys unknownConfKeys) {
        this.ground = ground;
        this.creator = creator;
        this.unknownConfKeys = unknownConfKeys;
    }

    /**
     * What a manual run is asked for.
     *
     * @param runId       the run id, or null for {@code manual__<logical date>}
     * @param logicalDate the logical date, or null for now
     * @param conf        the run's conf
     * @param note        a note, or null
     */
    public record Trigger(String runId, Instant logicalDate, Map<String, Object> conf, String note) {
    }

    /**
     * Creates a manual run, its audit row in the run's own transaction (one durable commit). The
     * conf is checked against the DAG's typed params first: REST, the command line and the
     * dashboard all trigger here, so none can create a run the params forbid.
     *
     * @return the run
     * @throws org.orchestrator.server.schedule.DuplicateRunException when the id or the logical date is taken
     * @throws InvalidConfException listing every field error; nothing was created
     */
    public DagRunRow trigger(Actor actor, LoadedDag dag, Trigger request) {
        Map<String, Object> conf = request.conf() == null ? Map.of() : request.conf();
        ParamCheck.require(dag.dag(), conf, unknownConfKeys);
        return creator.trigger(dag, request.runId(), request.logicalDate(), conf, request.note(), (h, created) ->
                ground.trail().record(h, actor, new AuditTrail.Entry("post_dag_run", dag.dag().id(), created.runId(), null, conf)));
    }

    /**
     * A manual run for a process that has not loaded the DAG (the command line): only the run row,
     * queued, with the DAG's current stored version; the server that starts it creates its task
     * instances from that version. The run and its audit row are one transaction.
     *
     * @return the run, or empty when the DAG is not stored as active or its stored structure cannot
     *         vouch for the conf (typed params): then trigger it with the loaded definition
     * @throws org.orchestrator.server.schedule.DuplicateRunException when the id or the logical date is taken
     * @throws RunIds.InvalidRunIdException when the id is not one {@link RunIds} allows
     */
    public Optional<DagRunRow> triggerStored(Actor actor, String dagId, Trigger request) {
        Map<String, Object> conf = request.conf() == null ? Map.of() : request.conf();
        if (request.runId() != null) {
            RunIds.check(request.runId());
        }
        Instant date = request.logicalDate() == null ? ground.clock().instant() : request.logicalDate();
        String runId = request.runId() == null ? RunType.MANUAL.runIdFor(date) : request.runId();
        Optional<String> version = ground.db().withHandle(h -> storedVersion(h, dagId, conf));
        if (version.isEmpty()) {
            return Optional.empty();
        }
        DagRuns.NewRun run = new DagRuns.NewRun(dagId, runId, RunType.MANUAL, date, new DataInterval(date, date),
                Json.write(conf), request.note(), version.get());
        return Optional.of(ground.audited(actor, h -> {
            if (runs.exists(h, dagId, runId, date)) {
                throw new DuplicateRunException("dag '" + dagId + "' already has a run with id '" + runId + "' or logical date " + date);
            }
            long pk = runs.insert(h, run, ground.clock().instant());
            return new Ground.Done<>(runs.find(h, pk).orElseThrow(), new AuditTrail.Entry("post_dag_run", dagId, runId, null, conf));
        }));
    }

    /** @return the active DAG's current version, when its stored structure alone can vouch for the conf */
    private Optional<String> storedVersion(Tx h, String dagId, Map<String, Object> conf) {
        return dags.find(h, dagId).filter(Dags.DagRow::active).map(Dags.DagRow::currentVersion)
                .filter(v -> dags.structure(h, dagId, v).filter(s -> StoredParams.decidable(s, conf, unknownConfKeys)).isPresent());
    }

    /**
     * How a backfill treats its range (Airflow's {@code dags backfill} flags).
     *
     * @param conf        the new runs' conf
     * @param rerunFailed whether runs of the range that failed before run again ({@code --rerun-failed-tasks})
     */
    public record Backfill(Map<String, Object> conf, boolean rerunFailed) {

        /** The defaults: no conf, failed runs left as they are. */
        public static final Backfill DEFAULTS = new Backfill(Map.of(), false);
    }

    /**
     * A backfill: one run per interval whose logical date is in [from, to]; runs that exist are
     * kept, and failed ones run again when asked. The runs commit as they are created; the audit
     * row, counting them, follows.
     *
     * @return every interval's run, as it was before failed ones were queued again
     * @throws InvalidConfException when the conf does not fit the DAG's typed params; nothing was created
     */
    public List<DagRunRow> backfill(Actor actor, LoadedDag dag, Instant from, Instant to, Backfill how) {
        ParamCheck.require(dag.dag(), how.conf(), unknownConfKeys);
        List<DagRunRow> all = creator.backfill(dag, from, to, Json.write(how.conf()));
        long rerun = !how.rerunFailed() ? 0 : all.stream().filter(r -> r.state() == DagRunState.FAILED)
                .filter(r -> creator.rerunFailed(dag, r)).count();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("from", from.toString());
        extra.put("to", to.toString());
        extra.put("runs", all.size());
        extra.put("rerun", rerun);
        if (!how.conf().isEmpty()) {
            extra.put("conf", how.conf());
        }
        ground.audited(actor, h -> new Ground.Done<>(null, new AuditTrail.Entry("post_backfill", dag.dag().id(), null, null, extra)));
        return all;
    }

    /**
     * Airflow's dag-run clear: the given finished instances of the run go back to {@code none}
     * and the run to {@code queued}, so it runs again.
     *
     * @param selected the run's instances to clear (another actor may move some first)
     * @param toVersion the DAG version the run runs from now on (the latest, when the operator
     *                  chose it), or null to rerun it on the version it records
     * @return the instances cleared
     */
    public List<TaskInstanceRow> clear(Actor actor, Dag dag, DagRunRow run, List<TaskInstanceRow> selected, String toVersion) {
        List<TaskInstanceRow> cleared = clearing.clear(ground.db(), dag, selected, true, toVersion, ground.clock().instant());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("cleared", cleared.size());
        if (toVersion != null) {
            extra.put("dag_version", toVersion);
        }
        ground.audited(actor, h -> new Ground.Done<>(null, new AuditTrail.Entry("clear_dag_run", run.dagId(),
                run.runId(), null, extra)));
        ground.loops().tasksChanged(new Loops.Change("clear_dag_run", Set.of(run.id()), ids(cleared)));
        return cleared;
    }

    /**
     * Airflow's "set DAG run state" (see {@link RunStateChange}).
     *
     * @return the run after the change
     */
    public DagRunRow setState(Actor actor, DagRunRow run, DagRunState to) {
        DagRunRow after = ground.audited(actor, h -> new Ground.Done<>(change.apply(h, run, to, ground.clock().instant()),
                new AuditTrail.Entry("update_dag_run_state", run.dagId(), run.runId(), null, Map.of("state", to.wireName()))));
        ground.loops().tasksChanged(new Loops.Change("update_dag_run_state", Set.of(run.id()), Set.of()));
        return after;
    }

    /** Deletes a run with its task instances, tries and XComs. */
    public void delete(Actor actor, DagRunRow run) {
        ground.audited(actor, h -> new Ground.Done<>(runs.delete(h, run.id()),
                new AuditTrail.Entry("delete_dag_run", run.dagId(), run.runId(), null, null)));
        ground.loops().tasksChanged(new Loops.Change("delete_dag_run", Set.of(run.id()), Set.of()));
    }

    /**
     * @param note the note, or null to remove it
     * @return the run with its note
     */
    public DagRunRow setNote(Actor actor, DagRunRow run, String note) {
        return ground.audited(actor, h -> {
            runs.setNote(h, run.id(), note);
            return new Ground.Done<>(runs.find(h, run.id()).orElseThrow(), noteEntry("set_dag_run_note", run.dagId(),
                    run.runId(), null, note));
        });
    }

    static AuditTrail.Entry noteEntry(String action, String dagId, String runId, String taskId, String note) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("note", note == null ? "" : note);
        return new AuditTrail.Entry(action, dagId, runId, taskId, extra);
    }

    static Set<Long> ids(List<TaskInstanceRow> instances) {
        return instances.stream().map(TaskInstanceRow::id).collect(Collectors.toUnmodifiableSet());
    }
}
