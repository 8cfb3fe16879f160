package org.orchestrator.server.execute;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts this node's outcome writes that the fence rejected: the try no longer owned its task
 * instance (this node was declared dead and the try reaped and run again elsewhere, or an operator
 * marked or cleared it). Quartz and heartbeats fence nothing; the guarded write does, and this
 * count shows how often it had to.
 */
final class StaleWrites {

    private static final Logger LOG = LoggerFactory.getLogger(StaleWrites.class);

    private final AtomicLong rejected = new AtomicLong();

    void rejected(Outcome outcome) {
        long total = rejected.incrementAndGet();
        LOG.warn("stale write rejected ({} so far): {} ended {} but no longer owns its task instance",
                total, outcome.claimed().describe(), outcome.result());
    }

    long count() {
        return rejected.get();
    }
}
