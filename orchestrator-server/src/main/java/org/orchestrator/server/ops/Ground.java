package org.orchestrator.server.ops;

import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/** What every action stands on: the database, the time, the audit trail and the loops to wake. */
record Ground(Jdbi jdbi, Clock clock, AuditTrail trail, Loops loops) {

    /** Runs an action's work and its audit row in one transaction. */
    <T> T audited(Actor actor, Work<T> work) {
        return jdbi.inTransaction((HandleCallback<T, RuntimeException>) h -> {
            Done<T> done = work.apply(h);
            trail.record(h, actor, done.entry());
            return done.value();
        });
    }

    /** An action's work inside its transaction. */
    @FunctionalInterface
    interface Work<T> {
        /** @return what the action answers, and its audit row */
        Done<T> apply(Handle h);
    }

    /** @param value the action's answer @param entry its audit row */
    record Done<T>(T value, AuditTrail.Entry entry) {
    }
}
