package org.orchestrator.server.state;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts writes of a try that were rejected because the try no longer owned its task instance: it
 * was reaped as a zombie, timed out, marked or cleared while it ran (e.g. a node paused past its
 * heartbeat timeout). Quartz fences nothing, so these guarded writes are what keeps a late node
 * from overwriting what happened since. One node per JVM, so the count is the node's.
 */
public final class StaleWrites {

    private static final Logger LOG = LoggerFactory.getLogger(StaleWrites.class);
    private static final AtomicLong REJECTED = new AtomicLong();

    private StaleWrites() {
    }

    /** @return how many stale writes this JVM rejected since it started */
    public static long count() {
        return REJECTED.get();
    }

    /** Counts and logs one rejected write of try {@code tryNumber} of task instance {@code tiId}. */
    static void rejected(String what, long tiId, int tryNumber) {
        REJECTED.incrementAndGet();
        LOG.warn("rejected stale {} of task instance {} try {}: the try no longer owns the instance", what, tiId, tryNumber);
    }
}
