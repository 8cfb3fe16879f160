package org.orchestrator.server.execute.isolation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The idle child JVMs of {@code reuse(true)} tasks, by what they were started for (bundle version
 * and JVM options). Bounded: past {@link IsolationConfig#warmChildren()} the longest idle goes; a
 * child is recycled after {@link IsolationConfig#reuseMaxTries()} tries, and stopped once idle for
 * {@link IsolationConfig#reuseIdle()}.
 */
final class WarmChildren implements AutoCloseable {

    private final IsolationConfig config;
    private final Map<ChildTask, Deque<ChildProcess>> idle = new HashMap<>();
    private int count;
    private boolean closed;
    /** Whether a look for expired children is pending: one timer at a time, not one per try. */
    private boolean expiryPending;

    WarmChildren(IsolationConfig config) {
        this.config = config;
    }

    /** @return a live idle child started for this task's bundle and options, or null */
    synchronized ChildProcess take(ChildTask task) {
        Deque<ChildProcess> children = idle.get(task);
        while (children != null && !children.isEmpty()) {
            ChildProcess child = children.pollLast();
            count--;
            if (child.isAlive()) {
                return child;
            }
            retire(child);
        }
        return null;
    }

    /** Keeps a child whose try succeeded for the next try of the same kind, or stops it when it is used up. */
    void give(ChildTask task, ChildProcess child) {
        synchronized (this) {
            if (!closed && config.warmChildren() > 0 && child.tries() < config.reuseMaxTries()) {
                if (count >= config.warmChildren()) {
                    retire(removeLongestIdle());
                }
                child.idleSince(System.nanoTime());
                idle.computeIfAbsent(task, t -> new ArrayDeque<>()).addLast(child);
                count++;
                scheduleExpiry();
                return;
            }
        }
        retire(child);
    }

    private ChildProcess removeLongestIdle() {
        Deque<ChildProcess> oldest = null;
        for (Deque<ChildProcess> children : idle.values()) {
            if (!children.isEmpty() && (oldest == null || children.peekFirst().idleSince() < oldest.peekFirst().idleSince())) {
                oldest = children;
            }
        }
        count--;
        return oldest.pollFirst();
    }

    /** Looks for expired children once the idle limit has passed; holds the lock. */
    private void scheduleExpiry() {
        if (!expiryPending) {
            expiryPending = true;
            CompletableFuture.runAsync(this::stopExpired,
                    CompletableFuture.delayedExecutor(config.reuseIdle().toNanos() + 1, TimeUnit.NANOSECONDS));
        }
    }

    private synchronized void stopExpired() {
        expiryPending = false;
        long cutoff = System.nanoTime() - config.reuseIdle().toNanos();
        for (Deque<ChildProcess> children : idle.values()) {
            while (!children.isEmpty() && children.peekFirst().idleSince() <= cutoff) {
                count--;
                retire(children.pollFirst());
            }
        }
        if (count > 0 && !closed) {
            scheduleExpiry(); // the children given since the last look expire later
        }
    }

    /** Stops a child off the caller's thread: its grace must not hold a try's outcome. */
    private void retire(ChildProcess child) {
        Thread.ofVirtual().name("retire-child").start(() -> child.stop(config.killGrace()));
    }

    /** Stops every idle child and keeps none from now on; returns once they are gone. */
    @Override
    public void close() {
        List<ChildProcess> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
            count = 0;
        }
        List<Thread> stopping = all.stream()
                .map(child -> Thread.ofVirtual().start(() -> child.stop(config.killGrace()))).toList();
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
