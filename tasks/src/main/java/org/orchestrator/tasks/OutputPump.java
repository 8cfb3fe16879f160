package org.orchestrator.tasks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/** Copies a process's output into the try's log, line by line, on a virtual thread. */
final class OutputPump {

    private OutputPump() {
    }

    /**
     * @param stream the process's stdout or stderr
     * @param name   which one, for the thread name and error messages
     * @param sink   receives each line as soon as it is complete
     * @param log    where a read failure is reported
     * @return the started thread; it ends at end of stream
     */
    static Thread start(InputStream stream, String name, Consumer<String> sink, Logger log) {
        return Thread.ofVirtual().name("shell-" + name).start(() -> copy(stream, name, sink, log));
    }

    private static void copy(InputStream stream, String name, Consumer<String> sink, Logger log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                sink.accept(line);
            }
        } catch (IOException e) {
            log.warn("stopped reading the command's {}: {}", name, e.toString());
        }
    }

    /** Waits up to {@code timeout} in all for the pumps to drain; used after a kill, so never throws. */
    static void awaitQuietly(List<Thread> pumps, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            for (Thread pump : pumps) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || !pump.join(left)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // A second interrupt while cleaning up: stop waiting, keep the flag for the caller.
            Thread.currentThread().interrupt();
        }
    }
}
