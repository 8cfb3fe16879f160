package org.orchestrator.server.execute.isolation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a child JVM and everything it started: SIGTERM to the whole tree, then SIGKILL to what is
 * still alive after the grace. The tree is read before the first signal, because a child that
 * dies leaves its own children to init, where they could no longer be found.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Stops the tree; may be called on an interrupted thread (the usual case: a timeout or a stop
     * interrupted the try), whose interrupt it keeps.
     *
     * @param root  the child JVM
     * @param grace how long the tree may take to exit after SIGTERM
     */
    static void stop(ProcessHandle root, Duration grace) {
        boolean interrupted = Thread.interrupted();
        List<ProcessHandle> tree = tree(root);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : tree) {
            awaitExit(p, deadline);
        }
        for (ProcessHandle p : tree(root)) {
            p.destroyForcibly();
        }
        tree.forEach(p -> p.destroyForcibly());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        if (root.isAlive()) {
            root.descendants().forEach(tree::add);
        }
        return tree;
    }

    private static void awaitExit(ProcessHandle p, long deadline) {
        try {
            p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException late) {
            // SIGKILL follows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
