package org.orchestrator.server.execute;

/**
 * Tells a shutdown the operator asked for (SIGTERM, SIGINT) from a JVM
 * exit nobody asked for: a task calling {@code System.exit}. Only the first hands running tries
 * back uncounted; after the second the tries are charged, or a task that exits the JVM would be
 * run again on every start. The node's signal handlers set the flag before they stop it.
 */
public final class OperatorStop {

    private static volatile boolean asked;

    private OperatorStop() {
    }

    /** Records that the operator asked the node to stop (SIGTERM, SIGINT: see cli's StopSignals). */
    public static void asked() {
        asked = true;
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
