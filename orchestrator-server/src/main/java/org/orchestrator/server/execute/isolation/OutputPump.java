package org.orchestrator.server.execute.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Copies one output stream of a child JVM into the try's log, a line at a time as it comes (so
 * the log page follows it live): what the task prints, what the JVM itself says when it dies.
 */
final class OutputPump {

    private final Thread thread;

    private OutputPump(Thread thread) {
        this.thread = thread;
    }

    static OutputPump start(String name, InputStream stream, Consumer<String> lines) {
        return new OutputPump(Thread.ofVirtual().name(name).start(() -> copy(stream, lines)));
    }

    private static void copy(InputStream stream, Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.accept(line);
            }
        } catch (IOException closed) {
            // the child is gone and its pipe with it
        }
    }

    /**
     * Waits for the stream's end. A process the task started may hold the pipe open after the
     * child exited; the wait is bounded so such a process cannot hold the try.
     */
    void awaitEnd(Duration patience) {
        try {
            thread.join(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
