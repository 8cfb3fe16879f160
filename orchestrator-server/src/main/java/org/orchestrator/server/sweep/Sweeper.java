package org.orchestrator.server.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.internal.BackgroundLoop;
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
    private final BackgroundLoop loop;
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

    /** @param chores named chores, run in order @param interval longest pause between passes */
    public Sweeper(Map<String, Runnable> chores, Duration interval) {
        this.chores = chores;
        this.loop = new BackgroundLoop("sweeper", interval, this::sweep);
    }

    /** Starts the loop. */
    public void start() {
        loop.start();
    }

    /** Runs a pass soon. */
    public void wakeup() {
        loop.wakeup();
    }

    /** Runs one pass on the caller's thread (at start, before the loop). */
    public void runOnce() {
        runChores();
    }

    /** A pass of the loop: when every chore failed the database is likely gone, so the loop backs off. */
    private void sweep() {
        if (runChores() == chores.size() && !chores.isEmpty()) {
            throw new IllegalStateException("every sweep chore failed; backing off");
        }
    }

    /** @return how many chores failed */
    private int runChores() {
        int failed = 0;
        for (Map.Entry<String, Runnable> chore : chores.entrySet()) {
            try {
                chore.getValue().run();
            } catch (Throwable e) {
                failures.incrementAndGet();
                failed++;
                LOG.error("sweep chore '{}' failed; carrying on", chore.getKey(), e);
            }
        }
        return failed;
    }

    /** @return chores that failed since start */
    public long failures() {
        return failures.get();
    }

    /** @return the chore names, in order */
    public List<String> choreNames() {
        return List.copyOf(chores.keySet());
    }

    @Override
    public void close() {
        loop.close();
    }
}
