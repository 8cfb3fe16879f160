package org.orchestrator.server.execute.isolation;

import java.time.Duration;

/**
 * Ends a child JVM whose node is gone. The child looks up its parent process every
 * {@link #EVERY}; once the node's process is dead (even after a kill -9) the child has been
 * re-parented, and it then kills what it started and halts, so a restarted node never finds an
 * orphan still writing results. A shutdown hook also takes the child's own processes down when the
 * child exits for any other reason (the task's {@code System.exit}, the node's SIGTERM).
 *
 * <p>Why not wait for end-of-file on a pipe from the node: a thread blocked in a native read
 * makes every exit of the JVM wait about 300 ms for it (HotSpot waits for threads in native code
 * before it exits), a third of a short try's cost. A sleeping thread costs nothing at exit.
 */
final class ParentWatch {

    /** The exit code of a child that stopped because its node went away. */
    static final int PARENT_GONE = 143;
    /** How often the parent is looked up: well within a heartbeat, and a few microseconds each. */
    static final Duration EVERY = Duration.ofMillis(200);

    private ParentWatch() {
    }

    static void start() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> descendants(false), "kill-descendants"));
        long node = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        Thread watch = new Thread(() -> awaitNodeGone(node), "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void awaitNodeGone(long node) {
        try {
            while (ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == node) {
                Thread.sleep(EVERY);
            }
        } catch (InterruptedException e) {
            return; // nothing interrupts this thread; should something, the node's stop still reaches the child
        }
        descendants(true);
        Runtime.getRuntime().halt(PARENT_GONE);
    }

    private static void descendants(boolean forcibly) {
        ProcessHandle.current().descendants().forEach(p -> {
            if (forcibly) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        });
    }
}
