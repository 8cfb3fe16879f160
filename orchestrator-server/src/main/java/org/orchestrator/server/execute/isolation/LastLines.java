package org.orchestrator.server.execute.isolation;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last few lines a child wrote, for the error of a try whose JVM died without an outcome. */
final class LastLines {

    private static final int KEEP = 5;
    private static final int MAX_LENGTH = 300;
    private final Deque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
        String first = line.strip().lines().findFirst().orElse("");
        if (!first.isEmpty()) {
            lines.addLast(first.length() > MAX_LENGTH ? first.substring(0, MAX_LENGTH) + "…" : first);
            if (lines.size() > KEEP) {
                lines.removeFirst();
            }
        }
    }

    @Override
    public synchronized String toString() {
        return lines.isEmpty() ? "(no output)" : String.join(" | ", lines);
    }
}
