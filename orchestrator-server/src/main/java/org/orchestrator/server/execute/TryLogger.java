package org.orchestrator.server.execute;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.orchestrator.rules.LineLogger;

/**
 * The SLF4J logger a task gets: every line (formatted by {@link LineLogger}, as in the test
 * harness) goes to its try's log file, flushed at once so the log can be read while the task runs.
 * The file is created on the first line, so a silent task costs no file.
 */
final class TryLogger extends LineLogger implements AutoCloseable {

    private final transient Path file;
    private final transient UnaryOperator<String> mask;
    private transient Writer writer;

    /** A logger writing to a try's file, each line passed through {@code mask} (which hides secrets). */
    TryLogger(String name, Path file, Clock clock, UnaryOperator<String> mask) {
        super(name, clock, mask);
        this.file = file;
        this.mask = mask;
    }

    /** Writes a line formatted elsewhere (by a task's logger in a child JVM), masked like every other. */
    void raw(String line) {
        write(mask.apply(line));
    }

    @Override
    protected synchronized void write(String text) {
        try {
            if (writer == null) {
                Files.createDirectories(file.getParent());
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            writer.write(text);
            writer.flush();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(TryLogger.class).warn("cannot write task log {}: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // the lines were flushed one by one; nothing is lost here
            }
            writer = null;
        }
    }
}
