package org.orchestrator.rules;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The logger a task's try gets, on the server and in the test harness alike: every call becomes
 * one line {@code <instant> <LEVEL> - message} (plus the stack trace of a throwable), passed
 * through a mask (the server's hides secrets) and handed to {@link #write}. Trace is off; debug
 * and above are on.
 */
public abstract class LineLogger extends AbstractLogger {

    private final transient Clock clock;
    private final transient UnaryOperator<String> mask;

    /**
     * @param name  the logger's name (the task id)
     * @param clock stamps the lines
     * @param mask  rewrites each whole line before it is written, e.g. to hide secrets
     */
    protected LineLogger(String name, Clock clock, UnaryOperator<String> mask) {
        this.name = name;
        this.clock = clock;
        this.mask = mask;
    }

    /** @param line one formatted line, ending with a newline */
    protected abstract void write(String line);

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
        // Masked as a whole, stack trace included: exception messages quote values too.
        write(mask.apply(line.toString()));
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
