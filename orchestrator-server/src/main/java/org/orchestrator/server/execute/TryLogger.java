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
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The SLF4J logger a task gets: every line goes to its try's log file, flushed at once so the log
 * can be read while the task runs. The file is created on the first line, so a silent task costs
 * no file.
 */
final class TryLogger extends AbstractLogger implements AutoCloseable {

    private final transient Path file;
    private final transient Clock clock;
    private transient Writer writer;

    TryLogger(String name, Path file, Clock clock) {
        this.name = name;
        this.file = file;
        this.clock = clock;
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
        write(line.toString());
    }

    private void write(String text) {
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
