package org.orchestrator.server.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named platform thread that runs a pass whenever it is woken, and at least every idle period.
 * A pass that throws is logged and counted; the loop never dies. Stopping never interrupts the
 * thread (an interrupt could land in the middle of a database write): it sets a flag and wakes it.
 */
public final class BackgroundLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoop.class);

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
        while (running) {
            try {
                wakeup.await(idle);
                if (running) {
                    pass.run();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                failures.incrementAndGet();
                LOG.error("{} pass failed; carrying on", name, e);
            }
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
