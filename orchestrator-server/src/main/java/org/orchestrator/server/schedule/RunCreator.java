package org.orchestrator.server.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.StatementFailures;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.rules.Timetable;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.execute.RunProgress;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.state.TaskInstances;

/**
 * Creates DAG runs, queued, with all their task instances ({@code none}) in one transaction:
 * scheduled runs from the timetable, manual runs from a trigger, backfill runs from a range. A
 * second run for the same logical date is refused by a unique key, not just by a check.
 */
public final class RunCreator {

    private final Transactions db;
    private final DagRuns runs = new DagRuns();
    private final TaskInstances tis = new TaskInstances();
    private final Clock clock;
    private final RunStarter starter;
    private final Created onCreated;

    /**
     * @param db      the database
     * @param clock     time
     * @param starter   starts a new run in its creating transaction when there is room, or null to leave it queued
     * @param onCreated told after runs were created
     */
    public RunCreator(Transactions db, Clock clock, RunStarter starter, Created onCreated) {
        this.db = db;
        this.clock = clock;
        this.starter = starter;
        this.onCreated = onCreated;
    }

    /** Told after runs were created, outside the creating transaction. */
    @FunctionalInterface
    public interface Created {
        /**
         * @param queued true when some of them wait in {@code queued} for a free slot (whoever starts
         *               queued runs should look now); false when all started, their first tasks ready
         */
        void runs(boolean queued);
    }

    /**
     * A manual run, as {@code POST /dagRuns} or {@code dags trigger} asks.
     *
     * @param dag         the DAG
     * @param runId       the run id, or null for {@code manual__<logical date>}
     * @param logicalDate the logical date, or null for now
     * @param conf        the conf
     * @param note        a note, or null
     * @return the run
     * @throws DuplicateRunException when the id or the logical date is taken
     * @throws RunIds.InvalidRunIdException when the id is not one {@link RunIds} allows
     */
    public DagRunRow trigger(LoadedDag dag, String runId, Instant logicalDate, Map<String, Object> conf, String note) {
        return trigger(dag, runId, logicalDate, conf, note, (h, created) -> { });
    }

    /**
     * Writes more rows in the transaction that creates a run, so they reach the disk in its commit.
     * The REST API's audit row goes this way: one durable commit per trigger instead of two.
     */
    @FunctionalInterface
    public interface InSameCommit {
        /** @param h the creating transaction @param created the run, as inserted */
        void write(Tx h, DagRunRow created);
    }

    /**
     * A manual run, with more rows written in the same transaction.
     *
     * @param also writes the caller's rows beside the run's (not called when the run is refused)
     * @see #trigger(LoadedDag, String, Instant, Map, String)
     */
    public DagRunRow trigger(LoadedDag dag, String runId, Instant logicalDate, Map<String, Object> conf, String note,
                             InSameCommit also) {
        if (runId != null) {
            RunIds.check(runId);
        }
        return createRetrying(dag, runId, RunType.MANUAL, logicalDate, date -> new DataInterval(date, date), conf, note, also);
    }

    /**
     * A run made by asset events: logical date now, the events' span as its data interval (as
     * Airflow's asset-triggered timetable), with the consumption of the events in its transaction.
     *
     * @param conf     the conf, carrying the triggering events
     * @param interval from the first event to the last
     * @param also     takes the queued events; throwing from it rolls the run back
     * @return the run
     */
    public DagRunRow triggerFromAssets(LoadedDag dag, Map<String, Object> conf, DataInterval interval, InSameCommit also) {
        return createRetrying(dag, null, RunType.ASSET_TRIGGERED, null, date -> interval, conf, null, also);
    }

    private DagRunRow createRetrying(LoadedDag dag, String runId, RunType type, Instant logicalDate,
                                     java.util.function.Function<Instant, DataInterval> interval, Map<String, Object> conf,
                                     String note, InSameCommit also) {
        for (int attempt = 1; ; attempt++) {
            Instant date = logicalDate == null ? clock.instant() : logicalDate;
            String id = runId == null ? type.runIdFor(date) : runId;
            DagRuns.NewRun run = new DagRuns.NewRun(dag.dag().id(), id, type, date, interval.apply(date),
                    Json.write(conf == null ? Map.of() : conf), note, dag.version());
            Optional<DagRunRow> created = create(dag, run, also);
            if (created.isPresent()) {
                onCreated.runs(created.get().state() == DagRunState.QUEUED);
                return created.get();
            }
            // Two triggers without a logical date in the same microsecond: the later one takes
            // the next instant, as it would have a moment later. A date the caller chose stays.
            if (logicalDate != null || attempt == 3) {
                throw new DuplicateRunException("dag '" + dag.dag().id() + "' already has a run with id '" + id
                        + "' or logical date " + date);
            }
        }
    }

    /**
     * A run triggered by a task (TriggerDagRunTask): a manual run that records its parent task
     * instance in the transaction that creates it.
     *
     * @throws DuplicateRunException when the id or the logical date is taken
     */
    public DagRunRow triggerFromTask(LoadedDag dag, String runId, Instant logicalDate, Map<String, Object> conf,
                                     DagRunRow.TriggeredBy parent) {
        return trigger(dag, runId, logicalDate, conf, null, (h, created) -> runs.setTriggeredBy(h, created.id(), parent));
    }

    /**
     * Creates the scheduled runs that are due: with catchup every missed interval since the last
     * one stored, without catchup only the latest.
     *
     * @param dag the DAG
     * @return the runs created
     */
    public List<DagRunRow> createDueRuns(LoadedDag dag) {
        Instant now = clock.instant();
        Timetable timetable = Timetable.of(dag.dag());
        Instant lastEnd = db.withHandle(h -> runs.lastScheduledIntervalEnd(h, dag.dag().id())).orElse(null);
        List<DataInterval> due = new ArrayList<>();
        if (dag.dag().catchup()) {
            Optional<DataInterval> next = timetable.nextAfter(lastEnd);
            while (next.isPresent() && !Timetable.dueAt(next.get()).isAfter(now)) {
                due.add(next.get());
                next = next.get().end().equals(next.get().start()) ? Optional.empty() : timetable.nextAfter(next.get().end());
            }
        } else {
            timetable.latestEndedBy(now).filter(latest -> lastEnd == null || latest.end().isAfter(lastEnd)).ifPresent(due::add);
        }
        List<DagRunRow> created = createAll(dag, due, RunType.SCHEDULED);
        if (!created.isEmpty()) {
            onCreated.runs(anyQueued(created));
        }
        return created;
    }

    /**
     * Creates one backfill run per interval whose start lies in [from, to], skipping logical dates
     * that already have a run.
     *
     * @param dag  the DAG
     * @param from first logical date
     * @param to   last logical date
     * @return every interval in the range, and the run created for it or the one that existed
     */
    public List<DagRunRow> backfill(LoadedDag dag, Instant from, Instant to) {
        return backfill(dag, from, to, "{}");
    }

    /**
     * As {@link #backfill(LoadedDag, Instant, Instant)}, the runs created with a conf.
     *
     * @param conf the new runs' conf, as a JSON object
     */
    public List<DagRunRow> backfill(LoadedDag dag, Instant from, Instant to, String conf) {
        List<DagRunRow> result = new ArrayList<>();
        for (DataInterval interval : intervals(dag, from, to)) {
            DagRuns.NewRun run = new DagRuns.NewRun(dag.dag().id(), RunType.BACKFILL.runIdFor(interval.start()),
                    RunType.BACKFILL, interval.start(), interval, conf, null, dag.version());
            result.add(create(dag, run).orElseGet(() -> existing(dag.dag(), interval.start())));
        }
        onCreated.runs(anyQueued(result));
        return result;
    }

    /** @return the DAG's intervals whose start lies in [from, to]: what a backfill of that range runs */
    public static List<DataInterval> intervals(LoadedDag dag, Instant from, Instant to) {
        Timetable timetable = Timetable.of(dag.dag());
        List<DataInterval> intervals = new ArrayList<>();
        Optional<DataInterval> next = timetable.nextAfter(from);
        while (next.isPresent() && !next.get().start().isAfter(to)) {
            DataInterval interval = next.get();
            intervals.add(interval);
            next = interval.end().equals(interval.start()) ? Optional.empty() : timetable.nextAfter(interval.end());
        }
        return intervals;
    }

    /**
     * Makes a failed run run again: its unsuccessful task instances are cleared (they get their
     * retries back) and the run is queued, as Airflow's clear of a failed run does.
     *
     * @param dag the DAG
     * @param run a failed run
     * @return true when the run was queued again
     */
    public boolean rerunFailed(LoadedDag dag, DagRunRow run) {
        boolean requeued = db.inTransaction(h -> {
            for (var ti : tis.ofRun(h, run.id()).values()) {
                if (ti.state() != org.orchestrator.api.TaskState.SUCCESS && ti.state().isFinished()) {
                    int retries = dag.dag().task(ti.taskId()).map(t -> t.retries()).orElse(0);
                    tis.clear(h, ti, retries);
                }
            }
            return runs.setState(h, run.id(), DagRunState.FAILED, DagRunState.QUEUED, clock.instant());
        });
        if (requeued) {
            onCreated.runs(true);
        }
        return requeued;
    }

    private static boolean anyQueued(List<DagRunRow> created) {
        return created.stream().anyMatch(run -> run.state() == DagRunState.QUEUED);
    }

    private DagRunRow existing(Dag dag, Instant logicalDate) {
        return db.withHandle(h -> runs.atLogicalDate(h, dag.id(), logicalDate)).orElseThrow();
    }

    private List<DagRunRow> createAll(LoadedDag dag, List<DataInterval> intervals, RunType type) {
        List<DagRunRow> created = new ArrayList<>();
        for (DataInterval interval : intervals) {
            DagRuns.NewRun run = new DagRuns.NewRun(dag.dag().id(), type.runIdFor(interval.start()), type,
                    interval.start(), interval, "{}", null, dag.version());
            create(dag, run).ifPresent(created::add);
        }
        return created;
    }

    /** @return the run, or empty when its id or logical date is already taken */
    private Optional<DagRunRow> create(LoadedDag dag, DagRuns.NewRun run) {
        return create(dag, run, (h, created) -> { });
    }

    private Optional<DagRunRow> create(LoadedDag dag, DagRuns.NewRun run, InSameCommit also) {
        try {
            return db.inTransaction(h -> {
                Optional<DagRunRow> created = insert(h, dag, run);
                created.ifPresent(r -> also.write(h, r));
                return created;
            });
        } catch (RuntimeException e) {
            if (!StatementFailures.isRefusedStatement(e)) {
                throw e;
            }
            // A concurrent insert of the same id or date: its transaction may not have committed
            // yet, so the key's violation (SQLSTATE 23505 on H2 and PostgreSQL) is the answer.
            if (StatementFailures.isUniqueViolation(e) || db.withHandle(h -> runs.exists(h, run.dagId(), run.runId(), run.logicalDate()))) {
                return Optional.empty();
            }
            throw e;
        }
    }


    private Optional<DagRunRow> insert(Tx h, LoadedDag dag, DagRuns.NewRun run) {
        if (runs.exists(h, run.dagId(), run.runId(), run.logicalDate())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        long pk = runs.insert(h, run, now);
        boolean started = starter != null && starter.startIfFree(h, pk, dag);
        // A started run's tasks without upstream have their dependencies met from birth.
        java.util.Set<String> ready = new java.util.HashSet<>(started ? RunProgress.readyAtBirth(dag.dag()) : java.util.Set.of());
        ready.removeAll(RunStarter.mappedStartingTasks(dag));
        tis.insertForRun(h, pk, run.dagId(), run.runId(), dag.dag().tasks(), ready, now);
        if (started) {
            starter.expandStartingMapped(h, pk, dag);
        }
        return runs.find(h, pk);
    }
}
