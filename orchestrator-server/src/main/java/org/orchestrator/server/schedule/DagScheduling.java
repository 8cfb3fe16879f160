package org.orchestrator.server.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.DataInterval;
import org.orchestrator.rules.Timetable;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.Dags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Quartz trigger per active, unpaused, scheduled DAG, set to when its next run is due.
 * When it fires, the due runs are created and the trigger moves on to the next interval.
 */
public final class DagScheduling {

    private static final Logger LOG = LoggerFactory.getLogger(DagScheduling.class);

    private final Transactions db;
    private final DagBag bag;
    private final QuartzTimers timers;
    private final RunCreator creator;
    private final Clock clock;
    private final Dags dags = new Dags();
    private final DagRuns runs = new DagRuns();

    /** @param db the database @param bag DAGs @param timers Quartz @param creator creates runs @param clock time */
    public DagScheduling(Transactions db, DagBag bag, QuartzTimers timers, RunCreator creator, Clock clock) {
        this.db = db;
        this.bag = bag;
        this.timers = timers;
        this.creator = creator;
        this.clock = clock;
    }

    /** Sets the trigger of every loaded DAG (after a scan or at start). */
    public void refreshAll() {
        bag.all().forEach(this::refresh);
    }

    /**
     * Sets, moves or removes the trigger of one DAG from its state in the database (a pause or
     * unpause by the CLI shows up here on the next pass). A trigger already right is left alone.
     */
    public void refresh(LoadedDag dag) {
        boolean paused = db.withHandle(h -> dags.find(h, dag.dag().id()).map(Dags.DagRow::paused).orElse(true));
        Optional<DataInterval> next = paused ? Optional.empty() : nextInterval(dag);
        if (next.isEmpty()) {
            timers.unscheduleDag(dag.dag().id());
            return;
        }
        Instant due = Timetable.dueAt(next.get());
        Instant now = clock.instant();
        Optional<Instant> current = timers.nextFire(dag.dag().id());
        if (current.isPresent() && (current.get().equals(due) || due.isBefore(now) && !current.get().isAfter(now))) {
            return;
        }
        timers.scheduleDag(dag.dag().id(), due.isBefore(now) ? now : due);
        db.useHandle(h -> dags.setNextDagrun(h, dag.dag().id(), next.get().start()));
    }

    /** Quartz fired the DAG's trigger: create what is due, then move the trigger on. */
    public void onDue(String dagId) {
        Optional<LoadedDag> dag = bag.get(dagId);
        if (dag.isEmpty()) {
            LOG.info("schedule of dag '{}' fired but it is not loaded; removing its trigger", dagId);
            timers.unscheduleDag(dagId);
            return;
        }
        boolean paused = db.withHandle(h -> dags.find(h, dagId).map(Dags.DagRow::paused).orElse(true));
        if (!paused) {
            int created = creator.createDueRuns(dag.get()).size();
            LOG.debug("dag '{}': {} scheduled run(s) created", dagId, created);
        }
        refresh(dag.get());
    }

    private Optional<DataInterval> nextInterval(LoadedDag dag) {
        Instant lastEnd = db.withHandle(h -> runs.lastScheduledIntervalEnd(h, dag.dag().id())).orElse(null);
        Timetable timetable = Timetable.of(dag.dag());
        Optional<DataInterval> next = timetable.nextAfter(lastEnd);
        if (dag.dag().catchup() || next.isEmpty()) {
            return next;
        }
        // Without catchup only the latest ended interval matters: skip ahead to it.
        Optional<DataInterval> latest = timetable.latestEndedBy(clock.instant())
                .filter(l -> lastEnd == null || l.end().isAfter(lastEnd));
        return latest.isPresent() ? latest : next;
    }
}
