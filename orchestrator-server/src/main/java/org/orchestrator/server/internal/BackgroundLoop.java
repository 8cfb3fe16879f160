package org.orchestrator.server.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named platform thread that runs a pass whenever it is woken, and at least every idle period.
 * A pass that throws is logged and counted; the loop never dies. Passes that keep failing (the
 * database is gone) are retried with exponential backoff, up to {@link #MAX_BACKOFF} or the idle
 * period if that is longer, and logged in full only the first time. Stopping never interrupts the
 * thread (an interrupt could land in the middle of a database write): it sets a flag and wakes it.
 */
public final class BackgroundLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);
    /** The longest pause between two failing passes. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final String name;
    private final Duration idle;
    private final Runnable pass;
    private final Wakeup wakeup = new Wakeup();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param name the thread's name, also used in log lines
     * @param idle the longest wait between passes
     * @param pass the work of one pass
     */
    public BackgroundLoop(String name, Duration idle, Runnable pass) {
        this.name = name;
        this.idle = idle;
        this.pass = pass;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::loop);
    }

    /** @return this loop, started */
    public BackgroundLoop start() {
        thread.start();
        return this;
    }

    /** Runs a pass soon. */
    public void wakeup() {
        wakeup.signal();
    }

    /** @return true until {@link #close()} is called */
    public boolean isRunning() {
        return running;
    }

    /** @return passes that threw since start */
    public long failures() {
        return failures.get();
    }

    private void loop() {
        int failedInARow = 0;
        while (running) {
            try {
                if (failedInARow == 0) {
                    wakeup.await(idle);
                } else {
                    backOff(failedInARow);
                }
                if (running) {
                    pass.run();
                    if (failedInARow > 0) {
                        LOG.info("{} pass succeeded again after {} failures", name, failedInARow);
                    }
                    failedInARow = 0;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                failures.incrementAndGet();
                failedInARow++;
                if (failedInARow == 1) {
                    LOG.error("{} pass failed; retrying with backoff", name, e);
                } else {
                    LOG.warn("{} pass failed {} times in a row: {}", name, failedInARow, e.toString());
                }
            }
        }
    }

    /** Waits out the backoff; wakeups do not cut it short, only {@link #close()} does. */
    private void backOff(int failedInARow) throws InterruptedException {
        long cap = Math.max(idle.toMillis(), MAX_BACKOFF.toMillis());
        long millis = Math.min(cap, Math.max(1, idle.toMillis()) << Math.min(failedInARow - 1, 20));
        long deadline = System.nanoTime() + millis * 1_000_000L;
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            wakeup.await(Duration.ofNanos(left));
        }
    }

    @Override
    public void close() {
        running = false;
        wakeup.signal();
        try {
            thread.join(idle.toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
