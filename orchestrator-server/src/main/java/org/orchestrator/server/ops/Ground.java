package org.orchestrator.server.ops;

import java.time.Clock;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Transactions;

/** What every action stands on: the database, the time, the audit trail and the loops to wake. */
record Ground(Transactions db, Clock clock, AuditTrail trail, Loops loops) {

    /** Runs an action's work and its audit row in one transaction. */
    <T> T audited(Actor actor, Work<T> work) {
        return db.inTransaction(h -> {
            Done<T> done = work.apply(h);
            trail.record(h, actor, done.entry());
            return done.value();
        });
    }

    /** An action's work inside its transaction. */
    @FunctionalInterface
    interface Work<T> {
        /** @return what the action answers, and its audit row */
        Done<T> apply(Tx h);
    }

    /** @param value the action's answer @param entry its audit row */
    record Done<T>(T value, AuditTrail.Entry entry) {
    }
}
