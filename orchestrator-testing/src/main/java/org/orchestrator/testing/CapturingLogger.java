package org.orchestrator.testing;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A try's logger in a local run: keeps the lines in memory, formatted as the server's try logs
 * ({@code <instant> <LEVEL> - message}), and echoes {@code [task] line} to a stream when given one.
 */
final class CapturingLogger extends AbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient StringBuilder text = new StringBuilder();
    private final transient PrintStream echo;
    private final transient Clock clock;

    CapturingLogger(String taskId, PrintStream echo, Clock clock) {
        this.name = taskId;
        this.echo = echo;
        this.clock = clock;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected synchronized void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                                                            Throwable throwable) {
        StringBuilder line = new StringBuilder().append(clock.instant()).append(' ').append(level).append(" - ")
                .append(MessageFormatter.basicArrayFormat(pattern, args)).append('\n');
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        text.append(line);
        if (echo != null) {
            echo.print("[" + name + "] " + line);
            echo.flush();
        }
    }

    synchronized String text() {
        return text.toString();
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
