package org.orchestrator.server.web;

import java.util.Arrays;
import java.util.Map;
import org.orchestrator.server.state.GridQueries.Cell;

/**
 * One run's grid cells, packed: {@code states} has one letter per task ({@link #CODES}; a space
 * where the run has no instance of that task), {@code durations_ms} the latest try's duration
 * (null while it runs), and {@code tries} the try numbers, sent only when some task is past its
 * first try, and {@code map_counts} each mapped task's number of instances (sent only when the run
 * has a mapped task). The page unpacks it in {@code dagmodel.js}.
 *
 * @param states      a letter per task
 * @param durationsMs milliseconds per task, or null
 * @param tries       try numbers per task, or null when none is above 1
 * @param mapCounts   instances per mapped task (0 for an unmapped one), or null when no task is mapped
 */
record RunCells(String states, Long[] durationsMs, int[] tries, int[] mapCounts) {

    /** The letter of each state; {@code n} is {@code none} (not yet scheduled). */
    static final Map<String, Character> CODES = Map.ofEntries(Map.entry("success", 's'), Map.entry("failed", 'f'),
            Map.entry("running", 'r'), Map.entry("queued", 'q'), Map.entry("scheduled", 'c'),
            Map.entry("up_for_retry", 'u'), Map.entry("upstream_failed", 'U'), Map.entry("skipped", 'k'),
            Map.entry("removed", 'x'));

    /** Collects the cells of one run. */
    static final class Builder {
        private final char[] states;
        private final Long[] durations;
        private final int[] tries;
        private final int[] mapCounts;
        private boolean retried;
        private boolean mapped;

        Builder(int tasks) {
            states = new char[tasks];
            Arrays.fill(states, ' ');
            durations = new Long[tasks];
            tries = new int[tasks];
            mapCounts = new int[tasks];
        }

        void put(int column, Cell cell) {
            states[column] = cell.state() == null ? 'n' : CODES.getOrDefault(cell.state(), 'n');
            durations[column] = cell.duration() == null ? null : Math.round(cell.duration() * 1000);
            tries[column] = cell.tryNumber();
            retried |= cell.tryNumber() > 1;
            mapCounts[column] = cell.mapCount();
            mapped |= cell.mapCount() > 0;
        }

        RunCells build() {
            return new RunCells(new String(states), durations, retried ? tries : null, mapped ? mapCounts : null);
        }
    }
}
