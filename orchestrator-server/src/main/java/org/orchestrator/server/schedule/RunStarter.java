package org.orchestrator.server.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.dagbag.VersionRestorer;
import org.orchestrator.server.execute.RunProgress;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts queued runs, oldest logical date first, while the DAG has fewer running runs than its
 * max active runs; a started run gets its first tasks scheduled in the same transaction.
 */
public final class RunStarter {

    private static final Logger LOG = LoggerFactory.getLogger(RunStarter.class);

    private final Transactions db;
    private final DagBag bag;
    private final VersionRestorer versions;
    private final RunProgress progress;
    private final Clock clock;
    private final Runnable onStarted;
    private final DagRuns runs = new DagRuns();
    private final TaskInstances tis = new TaskInstances();
    private final java.util.concurrent.locks.ReentrantLock starting = new java.util.concurrent.locks.ReentrantLock();

    /**
     * @param db the database @param bag DAGs @param versions reloads the version a restarting run records
     * @param progress run progress @param clock time @param onStarted told when runs started
     */
    public RunStarter(Transactions db, DagBag bag, VersionRestorer versions, RunProgress progress, Clock clock, Runnable onStarted) {
        this.db = db;
        this.bag = bag;
        this.versions = versions;
        this.progress = progress;
        this.clock = clock;
        this.onStarted = onStarted;
    }

    /** @return how many runs started */
    public int startQueued() {
        starting.lock();
        try {
            return startQueuedLocked();
        } finally {
            starting.unlock();
        }
    }

    private int startQueuedLocked() {
        Map<String, Integer> running = new HashMap<>();
        int started = 0;
        for (DagRunRow run : db.withHandle(h -> runs.inState(h, DagRunState.QUEUED))) {
            Optional<LoadedDag> dag = bag.get(run.dagId());
            if (dag.isEmpty()) {
                continue;
            }
            int active = running.computeIfAbsent(run.dagId(), id -> db.withHandle(h -> runs.countRunning(h, id)));
            if (active < dag.get().dag().maxActiveRuns() && start(run, versions.forRun(run.dagId(), run.dagVersion()).orElseThrow())) {
                running.merge(run.dagId(), 1, Integer::sum);
                started++;
            }
        }
        if (started > 0) {
            onStarted.run();
        }
        return started;
    }

    /** @param dag the version the run was created with: its task instances are that version's tasks */
    private boolean start(DagRunRow run, LoadedDag dag) {
        return db.inTransaction(h -> startNow(h, run, dag));
    }

    /**
     * Moves a run just created in the caller's transaction to running when its DAG has a free
     * slot; the caller then creates its task instances with the starting ones already scheduled,
     * so a new run and its first ready tasks reach the disk in one commit.
     *
     * @return true when the run started; false leaves it queued for {@link #startQueued()}
     */
    public boolean startIfFree(Tx h, long runPk, LoadedDag dag) {
        // Never wait for the lock here: the caller holds a pooled connection, and the lock holder
        // may be waiting for one. A run left queued is started by the pass that holds the lock.
        if (!starting.tryLock()) {
            return false;
        }
        try {
            return runs.countRunning(h, dag.dag().id()) < dag.dag().maxActiveRuns() && runs.start(h, runPk, clock.instant());
        } finally {
            starting.unlock();
        }
    }

    /**
     * Expands the starting tasks that are mapped, of a run {@link #startIfFree} started and whose
     * instances the caller has just created (the others were created scheduled).
     */
    public void expandStartingMapped(Tx h, long runPk, LoadedDag dag) {
        java.util.Set<String> mapped = mappedStartingTasks(dag);
        if (!mapped.isEmpty()) {
            progress.advance(h, runs.find(h, runPk).orElseThrow(), dag.dag(), mapped, clock.instant());
        }
    }

    /** @return the starting tasks that are mapped: they expand rather than start scheduled */
    public static java.util.Set<String> mappedStartingTasks(LoadedDag dag) {
        java.util.Set<String> mapped = new java.util.LinkedHashSet<>(RunProgress.startingTasks(dag.dag()));
        mapped.removeIf(id -> !dag.dag().task(id).orElseThrow().isMapped());
        return mapped;
    }

    private boolean startNow(Tx h, DagRunRow run, LoadedDag dag) {
        Instant now = clock.instant();
        if (!runs.start(h, run.id(), now)) {
            return false;
        }
        if (!dag.version().equals(run.dagVersion())) {
            // Its own version is gone for good (a jar's, after a restart): it runs on this one,
            // so it records this one; the API never names code other than the code that runs.
            LOG.info("run {}/{} records version {}, which cannot be loaded; it runs on and now records version {}",
                    run.dagId(), run.runId(), run.dagVersion(), dag.version());
            runs.setVersion(h, run.id(), dag.version());
        }
        if (!tis.anyOfRun(h, run.id())) {
            // The command line queues a run without loading its DAG: its instances are created
            // here, from the version it starts on, in the transaction that starts it.
            tis.insertForRun(h, run.id(), run.dagId(), run.runId(), dag.dag().tasks(), java.util.Set.of(), now);
        }
        progress.advance(h, run, dag.dag(), RunProgress.startingTasks(dag.dag()), now);
        progress.finishIfDone(h, run, dag.dag(), now);
        return true;
    }
}
