package org.orchestrator.server.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.orchestrator.server.execute.OperatorStop;
import sun.misc.Signal;

/**
 * Runs a node's graceful shutdown when the operator asks for it (SIGTERM, SIGINT / Ctrl-C)
 * <em>before</em> the JVM starts its shutdown hooks, then exits with the signal's status. H2's own
 * shutdown hook closes the embedded database as the JVM exits (H2 refuses
 * {@code DB_CLOSE_ON_EXIT=FALSE} beside {@code AUTO_SERVER}); run in parallel with it, the graceful
 * shutdown found the database closed while it still handed tries back and deregistered the node.
 * Any other way out ({@code System.exit}, SIGHUP) still stops through a shutdown hook; only the
 * signals count as the operator asking ({@link OperatorStop}), so a task that exits the JVM is
 * charged for its try instead of being handed back.
 */
final class StopSignals {

    private final Runnable stop;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StopSignals(Runnable stop) {
        this.stop = stop;
    }

    /** @param stop the graceful shutdown, run once whatever asks for it @return the installed handlers */
    static StopSignals install(Runnable stop) {
        StopSignals signals = new StopSignals(stop);
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    OperatorStop.asked();
                    signals.stopAndExit(128 + signal.getNumber());
                });
            } catch (IllegalArgumentException ignoredByTheShell) {
                // e.g. SIGINT of a background job: the shutdown hook below still stops the node
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(signals::stopOnce, "shutdown"));
        return signals;
    }

    /** Blocks until the node has stopped. */
    void awaitStopped() {
        awaitQuietly(stopped);
    }

    private void stopAndExit(int status) {
        stopOnce();
        System.exit(status);
    }

    private void stopOnce() {
        if (!started.compareAndSet(false, true)) {
            awaitQuietly(stopped); // a second signal, or the hook after a signal: the first stop finishes
            return;
        }
        try {
            stop.run();
        } finally {
            stopped.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
