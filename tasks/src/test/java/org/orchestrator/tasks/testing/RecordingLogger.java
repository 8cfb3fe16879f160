package org.orchestrator.tasks.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that keeps every line, formatted, for assertions. Thread-safe: a shell task
 * logs from its output pump threads.
 *
 * <pre>{@code
 * RecordingLogger log = new RecordingLogger("test");
 * log.info("rows: {}", 3);
 * assertThat(log.messages()).containsExactly("rows: 3");
 * }</pre>
 */
public final class RecordingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    /**
     * One logged line.
     *
     * @param level   its level
     * @param message the message with its arguments filled in
     * @param error   the throwable logged with it, or null
     */
    public record Line(Level level, String message, Throwable error) {
    }

    private final transient List<Line> lines = new CopyOnWriteArrayList<>();

    /** @param name the logger's name */
    public RecordingLogger(String name) {
        this.name = name;
    }

    /** @return every line so far, in order */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** @return the messages so far, in order */
    public List<String> messages() {
        return lines.stream().map(Line::message).toList();
    }

    /** @param level a level @return the messages logged at that level, in order */
    public List<String> messages(Level level) {
        return lines.stream().filter(l -> l.level() == level).map(Line::message).toList();
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable error) {
        lines.add(new Line(level, MessageFormatter.basicArrayFormat(pattern, args), error));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override public boolean isTraceEnabled() { return true; }
    @Override public boolean isDebugEnabled() { return true; }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public boolean isErrorEnabled() { return true; }
}
