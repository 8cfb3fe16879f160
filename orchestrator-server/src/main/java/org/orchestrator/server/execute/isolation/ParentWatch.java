package org.orchestrator.server.execute.isolation;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a child JVM whose node is gone. The node holds the write end of the child's stdin and never
 * writes to it, so end-of-file there means the node's process is dead (even after a kill -9):
 * the child then kills what it started and halts, and a restarted node never finds an orphan
 * still writing results. A shutdown hook also takes the child's own processes down when the child
 * exits for any other reason (the task's {@code System.exit}, the node's SIGTERM).
 */
final class ParentWatch {

    /** The exit code of a child that stopped because its node went away. */
    static final int PARENT_GONE = 143;

    private ParentWatch() {
    }

    static void start() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> descendants(false), "kill-descendants"));
        Thread watch = new Thread(ParentWatch::awaitEof, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void awaitEof() {
        InputStream stdin = System.in;
        try {
            while (stdin.read() >= 0) {
                // the node writes nothing; anything read is ignored
            }
        } catch (IOException gone) {
            // a broken pipe means the same as end-of-file
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
