package org.orchestrator.server.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a background loop early (edge-triggered work) while the loop's timeout keeps it
 * level-triggered. Many signals before one wait collapse into one wake-up.
 */
public final class Wakeup {

    private final Semaphore permits = new Semaphore(0);

    /** Wakes the waiting loop, or makes its next wait return at once. */
    public void signal() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /**
     * @param timeout the longest wait
     * @throws InterruptedException when the loop is being stopped
     */
    public void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            permits.drainPermits();
        }
    }
}
