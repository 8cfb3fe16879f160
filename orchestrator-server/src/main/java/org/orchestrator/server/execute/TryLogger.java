package org.orchestrator.server.execute;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The SLF4J logger a task gets: every line goes to its try's log file, flushed at once so the log
 * can be read while the task runs. The file is created on the first line, so a silent task costs
 * no file. {@code dags test} points the same logger at standard output instead.
 */
final class TryLogger extends AbstractLogger implements AutoCloseable {

    private final transient Path file;
    private final transient Clock clock;
    private final transient java.io.PrintStream console;
    private final transient UnaryOperator<String> mask;
    private transient Writer writer;

    /** A logger writing to a try's file, each line passed through {@code mask} (which hides secrets). */
    TryLogger(String name, Path file, Clock clock, UnaryOperator<String> mask) {
        this.name = name;
        this.file = file;
        this.clock = clock;
        this.console = null;
        this.mask = mask;
    }

    /** A logger that prints {@code [task] line} to a stream (local test runs), masked the same way. */
    TryLogger(String name, java.io.PrintStream console, Clock clock, UnaryOperator<String> mask) {
        this.name = name;
        this.file = null;
        this.clock = clock;
        this.console = console;
        this.mask = mask;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected synchronized void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                            Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, args);
        StringBuilder line = new StringBuilder().append(clock.instant()).append(' ').append(level).append(" - ")
                .append(message).append('\n');
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        // Masked as a whole, stack trace included: exception messages quote values too.
        write(mask.apply(line.toString()));
    }

    private void write(String text) {
        if (console != null) {
            console.print("[" + name + "] " + text);
            console.flush();
            return;
        }
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

    @Override public boolean isTraceEnabled() { return false; }
    @Override public boolean isTraceEnabled(Marker marker) { return false; }
    @Override public boolean isDebugEnabled() { return true; }
    @Override public boolean isDebugEnabled(Marker marker) { return true; }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public boolean isInfoEnabled(Marker marker) { return true; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isWarnEnabled(Marker marker) { return true; }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public boolean isErrorEnabled(Marker marker) { return true; }
}
