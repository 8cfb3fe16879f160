package org.orchestrator.server.sweep;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.rules.CallbackRule;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.execute.RunProgress;
import org.orchestrator.server.ops.RunStateChange;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstances;

/**
 * Repairs what a crash between two edges can leave behind: a running run with {@code none} tasks
 * whose upstreams are all finished, or with every task finished but the run still running. It
 * also moves runs held back by time: a task waiting on its past is looked at again, and a run
 * past its DAG's {@code dagrunTimeout} is failed.
 */
public final class ReconcileRuns implements Runnable {

    private final Transactions db;
    private final DagBag bag;
    private final RunProgress progress;
    private final Clock clock;
    private final Runnable onScheduled;
    private final Runnable onTimedOut;
    private final DagRuns runs = new DagRuns();
    private final TaskInstances tis = new TaskInstances();
    private final RunStateChange failing = new RunStateChange();
    private final CallbackRequests callbacks = new CallbackRequests();

    /**
     * @param db the database @param bag DAGs @param progress run progress @param clock time
     * @param onScheduled told when tasks became ready
     * @param onTimedOut  told when a run timed out (its running tries are to be stopped)
     */
    public ReconcileRuns(Transactions db, DagBag bag, RunProgress progress, Clock clock, Runnable onScheduled,
                         Runnable onTimedOut) {
        this.db = db;
        this.bag = bag;
        this.progress = progress;
        this.clock = clock;
        this.onScheduled = onScheduled;
        this.onTimedOut = onTimedOut;
    }

    @Override
    public void run() {
        int scheduled = 0;
        int timedOut = 0;
        for (DagRunRow run : db.withHandle(h -> runs.inState(h, DagRunState.RUNNING))) {
            Optional<LoadedDag> dag = bag.forRun(run.dagId(), run.dagVersion());
            if (dag.isPresent() && overdue(run, dag.get().dag())) {
                timedOut += timeOut(run, dag.get().dag()) ? 1 : 0;
            } else if (dag.isPresent()) {
                scheduled += reconcile(run, dag.get());
            }
        }
        if (scheduled > 0) {
            onScheduled.run();
        }
        if (timedOut > 0) {
            onTimedOut.run();
        }
    }

    private int reconcile(DagRunRow run, LoadedDag dag) {
        Instant now = clock.instant();
        return db.inTransaction(h -> {
            // Only the waiting rows: a large run's finished and scheduled ones are not read every sweep.
            var waiting = tis.waitingTasks(h, run.id());
            int scheduled = progress.advance(h, run, dag.dag(), waiting, now);
            progress.finishIfDone(h, run, dag.dag(), now);
            return scheduled;
        });
    }

    private boolean overdue(DagRunRow run, Dag dag) {
        return run.startDate() != null && dag.dagrunTimeout()
                .map(timeout -> clock.instant().isAfter(run.startDate().plus(timeout))).orElse(false);
    }

    /**
     * Airflow's dagrun timeout: the run fails as if an operator set it failed (running instances
     * failed, their tries stopped by their nodes; instances not started skipped), guarded on the
     * run still running, and asks for the DAG's failure callbacks in the same transaction.
     */
    private boolean timeOut(DagRunRow run, Dag dag) {
        Instant now = clock.instant();
        return db.inTransaction(h -> {
            if (!runs.setState(h, run.id(), DagRunState.RUNNING, DagRunState.FAILED, now)) {
                return false;
            }
            failing.apply(h, run, DagRunState.FAILED, now);
            if (!CallbackRule.forRun(dag, DagRunState.FAILED).isEmpty()) {
                callbacks.add(h, CallbackRequests.forRun(DagRunState.FAILED.wireName(), dag.id(), run.runId()), now);
            }
            return true;
        });
    }
}
