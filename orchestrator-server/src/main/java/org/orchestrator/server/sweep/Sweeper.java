package org.orchestrator.server.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.internal.Wakeup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The level-triggered half of scheduling: a loop that runs small chores (start queued runs,
 * re-queue due retries, reap zombies, reconcile runs, heartbeat) every interval, or sooner when
 * woken. A chore that throws is logged and counted; the loop never dies.
 */
public final class Sweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    private final Map<String, Runnable> chores;
    private final Duration interval;
    private final Wakeup wakeup = new Wakeup();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long failures;

    /** @param chores named chores, run in order @param interval longest pause between passes */
    public Sweeper(Map<String, Runnable> chores, Duration interval) {
        this.chores = chores;
        this.interval = interval;
        this.thread = Thread.ofPlatform().name("sweeper").daemon().unstarted(this::loop);
    }

    /** Starts the loop. */
    public void start() {
        thread.start();
    }

    /** Runs a pass soon. */
    public void wakeup() {
        wakeup.signal();
    }

    /** Runs one pass on the caller's thread (at start, before the loop). */
    public void runOnce() {
        for (Map.Entry<String, Runnable> chore : chores.entrySet()) {
            try {
                chore.getValue().run();
            } catch (Throwable e) {
                failures++;
                LOG.error("sweep chore '{}' failed; carrying on", chore.getKey(), e);
            }
        }
    }

    /** @return chores that failed since start */
    public long failures() {
        return failures;
    }

    private void loop() {
        while (running) {
            try {
                wakeup.await(interval);
                runOnce();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return the chore names, in order */
    public List<String> choreNames() {
        return List.copyOf(chores.keySet());
    }

    @Override
    public void close() {
        // No interrupt: it could land in the middle of a database write. The loop sees the flag
        // within one interval.
        running = false;
        wakeup.signal();
        try {
            thread.join(interval.toMillis() + 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
