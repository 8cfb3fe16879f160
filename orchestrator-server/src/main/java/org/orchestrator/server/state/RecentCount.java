package org.orchestrator.server.state;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A count that is expensive to make exact and asked for many times a second, made at most once
 * per {@code maxAge} and shared by every request of that time. Counting holds the lock, so
 * requests that arrive meanwhile wait for that count instead of each starting their own.
 */
final class RecentCount {

    // A lock, not synchronized: requests run on virtual threads, which JDK 21 pins to their
    // carrier while they block in a synchronized block (here on the count's query).
    private final ReentrantLock lock = new ReentrantLock();
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private long value;
    private long countedAt;
    private boolean counted;

    RecentCount(Duration maxAge, LongSupplier nanoTime) {
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** @return the last count when it is younger than the maximum age, otherwise a new one */
    long get(LongSupplier count) {
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            if (!counted || now - countedAt >= maxAgeNanos) {
                value = count.getAsLong();
                countedAt = nanoTime.getAsLong();
                counted = true;
            }
            return value;
        } finally {
            lock.unlock();
        }
    }
}
