package org.orchestrator.server.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.RunType;

/**
 * Freshness: finds unfinished runs past their DAG's SLA (the data interval's end plus the SLA; for
 * a manual run, when it was queued plus the SLA), flags each in one guarded update and, in the
 * same transaction, asks for the DAG's {@code onSlaMiss} callbacks through the callback outbox.
 * The guard ({@code sla_missed_at IS NULL}) makes the callbacks fire once per run, whichever node
 * sweeps first.
 */
public final class FlagSlaMisses implements Runnable {

    private final Transactions db;
    private final DagBag bag;
    private final Clock clock;
    private final Runnable onFlagged;
    private final DagRuns runs = new DagRuns();
    private final CallbackRequests requests = new CallbackRequests();

    /** @param db the database @param bag DAGs @param clock time @param onFlagged told when callbacks were requested */
    public FlagSlaMisses(Transactions db, DagBag bag, Clock clock, Runnable onFlagged) {
        this.db = db;
        this.bag = bag;
        this.clock = clock;
        this.onFlagged = onFlagged;
    }

    @Override
    public void run() {
        Instant now = clock.instant();
        int flagged = 0;
        for (DagRunRow run : db.withHandle(runs::activeWithoutSlaMiss)) {
            Optional<Instant> deadline = deadline(run);
            if (deadline.isPresent() && now.isAfter(deadline.get()) && flag(run, now)) {
                flagged++;
            }
        }
        if (flagged > 0) {
            onFlagged.run();
        }
    }

    /** The SLA of the version the run uses: that is the definition the run is judged by. */
    private Optional<Instant> deadline(DagRunRow run) {
        Optional<Duration> sla = bag.forRun(run.dagId(), run.dagVersion()).flatMap(d -> d.dag().sla());
        Instant from = run.runType() == RunType.MANUAL ? run.queuedAt() : run.interval().end();
        return from == null ? Optional.empty() : sla.map(from::plus);
    }

    private boolean flag(DagRunRow run, Instant now) {
        return db.inTransaction(h -> {
            if (!runs.flagSlaMiss(h, run.id(), now)) {
                return false;
            }
            requests.add(h, CallbackRequests.forRun(CallbackRequests.SLA_MISS, run.dagId(), run.runId()), now);
            return true;
        });
    }
}
