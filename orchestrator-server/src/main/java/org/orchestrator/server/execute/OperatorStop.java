package org.orchestrator.server.execute;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Tells a shutdown the operator asked for (SIGTERM, SIGINT) from a JVM
 * exit nobody asked for: a task calling {@code System.exit}. Only the first hands running tries
 * back uncounted; after the second the tries are charged, or a task that exits the JVM would be
 * run again on every start. The JVM's signals are caught to set the flag, then exit as the JVM's
 * own handlers do.
 */
public final class OperatorStop {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorStop.class);
    private static volatile boolean asked;

    private OperatorStop() {
    }

    /** Catches SIGTERM and SIGINT: each records that the operator asked, then exits with 128 + the signal. */
    public static void installSignalHandlers() {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    asked = true;
                    System.exit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException unavailable) {
                // e.g. SIGINT when the JVM runs with -Xrs or in the background: the flag is not needed for it.
                LOG.debug("cannot catch SIG{}: {}", name, unavailable.getMessage());
            }
        }
    }

    /** @return true inside a JVM exit the operator did not ask for */
    static boolean isUnaskedExit() {
        return !asked && jvmIsExiting();
    }

    private static boolean jvmIsExiting() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }
}
