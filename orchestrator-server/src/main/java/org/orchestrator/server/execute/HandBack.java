package org.orchestrator.server.execute;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.internal.DatabaseErrors;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.state.TryEnd;
import org.orchestrator.server.state.TryLogPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the tries still running when a node's shutdown grace period ends: each becomes
 * {@code up_for_retry}, due at once and not counted against its retries, so another node (or
 * this one after a restart) runs it again. Its try row records why. A try whose outcome was
 * recorded first is left alone (the write is guarded).
 */
final class HandBack {

    private static final Logger LOG = LoggerFactory.getLogger(HandBack.class);
    private static final int ATTEMPTS = 3;

    private final Transactions db;
    private final TaskInstances tis = new TaskInstances();
    private final TaskTries tries = new TaskTries();
    private final Clock clock;
    private final String node;

    HandBack(Transactions db, Clock clock, String node) {
        this.db = db;
        this.clock = clock;
        this.node = node;
    }

    /** @return how many tries were handed back */
    int handBack(List<ClaimedTry> unfinished) {
        int handedBack = 0;
        for (ClaimedTry claimed : unfinished) {
            if (handBackOne(claimed)) {
                handedBack++;
            }
        }
        return handedBack;
    }

    private boolean handBackOne(ClaimedTry claimed) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(h -> {
                    Instant now = clock.instant();
                    var ti = claimed.ti();
                    if (!tis.handBackRunning(h, ti.id(), ti.tryNumber(), now)) {
                        return false;
                    }
                    String why = "handed back: node " + node + " shut down before the try finished (not counted as a try)";
                    tries.finishAll(h, List.of(new TryEnd(ti.id(), ti.tryNumber(), TaskState.UP_FOR_RETRY, now, why, node,
                            ti.startDate(), TryLogPath.of(ti, ti.tryNumber()))), now);
                    LOG.info("{}: {}", claimed.describe(), why);
                    return true;
                });
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !DatabaseErrors.isConnectionLoss(e)) {
                    // Left running: once this node is gone from the node table, the reaper retries it.
                    LOG.error("cannot hand back {}: {}", claimed.describe(), e.getMessage());
                    return false;
                }
                sleep(DatabaseErrors.backoff(attempt).toMillis());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
