package org.orchestrator.server.execute;

import java.util.Map;

/**
 * How many times a node may die while a task instance's tries run before the instance fails for
 * good, whatever its retries: a task that exits or crashes the JVM would otherwise take the
 * server down on every start. {@code ORCHESTRATOR_MAX_NODE_CRASHES}, default 2.
 *
 * @param max crashes that fail the instance (at least 1)
 */
public record CrashLimit(int max) {

    /** The variable that sets the limit. */
    public static final String VARIABLE = "ORCHESTRATOR_MAX_NODE_CRASHES";

    /** Checks the limit. */
    public CrashLimit {
        if (max < 1) {
            throw new IllegalArgumentException(VARIABLE + " must be at least 1, got " + max);
        }
    }

    /** @param env the environment @return the limit it sets, or the default */
    public static CrashLimit fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return new CrashLimit(2);
        }
        try {
            return new CrashLimit(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(VARIABLE + " must be a whole number, got '" + value + "'", e);
        }
    }

    boolean reached(int crashes) {
        return crashes >= max;
    }

    String error(int crashes) {
        String times = crashes == 2 ? "twice" : crashes == 1 ? "once" : crashes + " times";
        return "the node died " + times + " while this try ran: it may exit or crash the JVM";
    }
}
