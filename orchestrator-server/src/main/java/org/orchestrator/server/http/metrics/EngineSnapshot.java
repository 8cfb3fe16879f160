package org.orchestrator.server.http.metrics;

import org.orchestrator.server.state.EngineCounts;
import org.orchestrator.server.state.Reads;

/**
 * Counts read from the database for the engine's meters: task instances and DAG runs by state,
 * finished tries by outcome, pool slots and their use ({@link EngineCounts}). Read at most once a second however
 * many meters ask, so a scrape costs five small grouped reads. The database is the source because it is the truth for the whole
 * cluster, not only for the node that answers the scrape.
 */
final class EngineSnapshot {

    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final Reads reads;
    private long readAt;
    private EngineCounts counts;

    EngineSnapshot(Reads reads) {
        this.reads = reads;
    }

    /** @return the counts, read again when the last read is older than a second */
    synchronized EngineCounts counts() {
        long now = System.nanoTime();
        if (counts == null || now - readAt > MAX_AGE_NANOS) {
            counts = reads.engineCounts();
            readAt = now;
        }
        return counts;
    }
}
