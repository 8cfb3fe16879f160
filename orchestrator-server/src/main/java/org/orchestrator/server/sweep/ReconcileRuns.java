package org.orchestrator.server.sweep;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.execute.RunProgress;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstances;

/**
 * Repairs what a crash between two edges can leave behind: a running run with {@code none} tasks
 * whose upstreams are all finished, or with every task finished but the run still running.
 */
public final class ReconcileRuns implements Runnable {

    private final Jdbi jdbi;
    private final DagBag bag;
    private final RunProgress progress;
    private final Clock clock;
    private final Runnable onScheduled;
    private final DagRuns runs = new DagRuns();
    private final TaskInstances tis = new TaskInstances();

    /** @param jdbi db @param bag DAGs @param progress run progress @param clock time @param onScheduled told when tasks became ready */
    public ReconcileRuns(Jdbi jdbi, DagBag bag, RunProgress progress, Clock clock, Runnable onScheduled) {
        this.jdbi = jdbi;
        this.bag = bag;
        this.progress = progress;
        this.clock = clock;
        this.onScheduled = onScheduled;
    }

    @Override
    public void run() {
        int scheduled = 0;
        for (DagRunRow run : jdbi.withHandle(h -> runs.inState(h, DagRunState.RUNNING))) {
            Optional<LoadedDag> dag = bag.forRun(run.dagId(), run.dagVersion());
            if (dag.isPresent()) {
                scheduled += reconcile(run, dag.get());
            }
        }
        if (scheduled > 0) {
            onScheduled.run();
        }
    }

    private int reconcile(DagRunRow run, LoadedDag dag) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            var waiting = tis.ofRun(h, run.id()).values().stream()
                    .filter(ti -> ti.state() == TaskState.NONE).map(ti -> ti.taskId()).distinct().toList();
            int scheduled = progress.advance(h, run, dag.dag(), waiting, now);
            progress.finishIfDone(h, run, dag.dag(), now);
            return scheduled;
        });
    }
}
