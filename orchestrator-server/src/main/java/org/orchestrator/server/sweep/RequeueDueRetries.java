package org.orchestrator.server.sweep;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.server.state.TaskInstances;

/**
 * Moves up_for_retry instances whose retry is due back to scheduled. Quartz's retry trigger does
 * this on time; this chore catches a trigger lost to a crash.
 */
public final class RequeueDueRetries implements Runnable {

    private final Jdbi jdbi;
    private final Clock clock;
    private final Runnable onScheduled;
    private final TaskInstances tis = new TaskInstances();

    /** @param jdbi db @param clock time @param onScheduled told when instances became ready */
    public RequeueDueRetries(Jdbi jdbi, Clock clock, Runnable onScheduled) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.onScheduled = onScheduled;
    }

    @Override
    public void run() {
        requeue(jdbi.withHandle(h -> tis.dueRetries(h, clock.instant())));
    }

    /** @param ids instances whose retry may be due; those that are due move to scheduled */
    public void requeue(java.util.Collection<Long> ids) {
        long moved = ids.stream().filter(id -> jdbi.inTransaction(h -> tis.retryDue(h, id, clock.instant()))).count();
        if (moved > 0) {
            onScheduled.run();
        }
    }
}
