package org.orchestrator.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process and everything it started: SIGTERM, a grace period, then SIGKILL. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Kills the descendants before the root: a parent that is still alive reaps its killed
     * children, whereas children orphaned by a dead parent can linger as zombies under an init
     * that does not reap. The descendants are listed before anything dies, because an orphan is
     * no longer listed as a descendant.
     *
     * @param root  the process that was started
     * @param grace how long each stage waits for SIGTERM to work before SIGKILL
     * @return how many processes were alive when the kill began
     */
    static int kill(ProcessHandle root, Duration grace) {
        List<ProcessHandle> descendants = root.descendants().toList();
        int alive = (int) descendants.stream().filter(ProcessHandle::isAlive).count() + (root.isAlive() ? 1 : 0);
        terminate(descendants, grace);
        // The root is signalled last; anything it started meanwhile goes with it.
        List<ProcessHandle> rest = new ArrayList<>(root.descendants().toList());
        rest.add(root);
        terminate(rest, grace);
        return alive;
    }

    private static void terminate(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        if (awaitExit(processes, grace)) {
            return;
        }
        processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(processes, grace);
    }

    /** @return true when every process exited within the timeout */
    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            // Interrupted again while killing: stop waiting so SIGKILL follows at once.
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
