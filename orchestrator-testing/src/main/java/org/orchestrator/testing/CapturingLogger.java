package org.orchestrator.testing;

import java.io.PrintStream;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.orchestrator.rules.LineLogger;

/** A try's logger in a local run: keeps the lines in memory and echoes {@code [task] line} to a stream when given one. */
final class CapturingLogger extends LineLogger {

    private final transient StringBuilder text = new StringBuilder();
    private final transient PrintStream echo;

    CapturingLogger(String taskId, PrintStream echo, Clock clock, UnaryOperator<String> mask) {
        super(taskId, clock, mask);
        this.echo = echo;
    }

    @Override
    protected synchronized void write(String line) {
        text.append(line);
        if (echo != null) {
            echo.print("[" + getName() + "] " + line);
            echo.flush();
        }
    }

    synchronized String text() {
        return text.toString();
    }
}
