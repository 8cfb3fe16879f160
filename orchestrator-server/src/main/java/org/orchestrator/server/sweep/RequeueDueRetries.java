package org.orchestrator.server.sweep;

import java.time.Clock;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.state.TaskInstances;

/**
 * Moves up_for_retry instances whose retry is due back to scheduled. Quartz's retry trigger does
 * this on time; this chore catches a trigger lost to a crash.
 */
public final class RequeueDueRetries implements Runnable {

    private final Transactions db;
    private final Clock clock;
    private final Runnable onScheduled;
    private final TaskInstances tis = new TaskInstances();

    /** @param db the database @param clock time @param onScheduled told when instances became ready */
    public RequeueDueRetries(Transactions db, Clock clock, Runnable onScheduled) {
        this.db = db;
        this.clock = clock;
        this.onScheduled = onScheduled;
    }

    @Override
    public void run() {
        requeue(db.withHandle(h -> tis.dueRetries(h, clock.instant())));
    }

    /** @param ids instances whose retry may be due; those that are due move to scheduled */
    public void requeue(java.util.Collection<Long> ids) {
        long moved = ids.stream().filter(id -> db.inTransaction(h -> tis.retryDue(h, id, clock.instant()))).count();
        if (moved > 0) {
            onScheduled.run();
        }
    }
}
