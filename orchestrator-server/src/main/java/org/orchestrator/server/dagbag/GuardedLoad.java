package org.orchestrator.server.dagbag;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bundle's own code (its providers' constructors and {@code dags()}) so that it cannot
 * harm the server: on a fresh daemon thread in a thread group of its own, with the bundle's class
 * loader as context loader, for at most a timeout.
 *
 * <ul>
 *   <li><b>Too slow</b> (an endless loop): the thread is interrupted and the bundle fails. The JDK
 *       can no longer stop a thread that ignores interrupts ({@code Thread.stop} is gone), so such
 *       a thread keeps running; it is a daemon at minimum priority, never blocks a scan or a
 *       shutdown, and the import error says a restart reclaims it.</li>
 *   <li><b>Leaked threads</b>: platform threads the code started (they join its thread group) that
 *       are still alive shortly after it returned are interrupted and the bundle fails. Virtual
 *       threads belong to no group the JDK lets us list; they are not detected.</li>
 * </ul>
 */
final class GuardedLoad {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedLoad.class);
    private static final Duration LEAK_GRACE = Duration.ofMillis(250);

    private final Duration timeout;

    GuardedLoad(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param bundle the bundle's name, for thread names and messages
     * @param loader the bundle's class loader
     * @param work   the bundle's code
     * @return what the work returned
     * @throws BundleException when it failed, hung or leaked threads
     */
    <T> T run(String bundle, ClassLoader loader, Callable<T> work) {
        ThreadGroup group = new ThreadGroup("dag-load:" + bundle);
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().group(group).daemon().name("dag-loader:" + bundle).unstarted(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.setContextClassLoader(loader);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        T value = await(bundle, group, thread, result);
        checkNoThreadsLeft(bundle, group, thread);
        return value;
    }

    private <T> T await(String bundle, ThreadGroup group, Thread thread, CompletableFuture<T> result) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            interruptAll(group);
            boolean stopped = joinQuietly(thread, LEAK_GRACE);
            LOG.error("loading {} took longer than {} ms; thread '{}' interrupted{}", bundle, timeout.toMillis(),
                    thread.getName(), stopped ? "" : " but still running");
            throw new BundleException("loading " + bundle + " took longer than " + timeout.toMillis() + " ms (an endless "
                    + "loop in a DAG provider?); its thread was interrupted" + (stopped ? "" : " but ignores interrupts "
                    + "and keeps running until the server restarts"));
        } catch (ExecutionException e) {
            interruptAll(group);
            throw e.getCause() instanceof BundleException b ? b
                    : new BundleException("loading " + bundle + " failed: " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            interruptAll(group);
            Thread.currentThread().interrupt();
            throw new BundleException("loading " + bundle + " was interrupted");
        }
    }

    private static void checkNoThreadsLeft(String bundle, ThreadGroup group, Thread loaderThread) {
        joinQuietly(loaderThread, LEAK_GRACE);
        long deadline = System.nanoTime() + LEAK_GRACE.toNanos();
        List<Thread> alive = alive(group);
        // A thread that is just finishing its last statement is not a leak: give it a moment.
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            joinQuietly(alive.get(0), Duration.ofMillis(10));
            alive = alive(group);
        }
        if (!alive.isEmpty()) {
            interruptAll(group);
            List<String> names = alive.stream().map(Thread::getName).toList();
            LOG.error("loading {} left threads running: {}; interrupted them", bundle, names);
            throw new BundleException("loading " + bundle + " left " + names.size() + " thread(s) running: " + names
                    + "; they were interrupted. Start threads inside tasks, never while building DAGs");
        }
    }

    /**
     * Common-pool workers are left out: the JVM shares that pool, keeps idle workers for a while,
     * and depending on the JDK may create them in the group of the caller (a parallel stream in a
     * provider); they belong to no bundle.
     */
    private static List<Thread> alive(ThreadGroup group) {
        Thread[] threads = new Thread[group.activeCount() + 8];
        int count = group.enumerate(threads, true);
        return Arrays.stream(threads, 0, count).filter(Thread::isAlive)
                .filter(t -> !(t instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool()))
                .toList();
    }

    private static void interruptAll(ThreadGroup group) {
        alive(group).forEach(Thread::interrupt);
    }

    private static boolean joinQuietly(Thread thread, Duration wait) {
        try {
            return thread.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !thread.isAlive();
        }
    }

    /** @return the exception and its root cause, as one line */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        return root == e ? message : message + " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
