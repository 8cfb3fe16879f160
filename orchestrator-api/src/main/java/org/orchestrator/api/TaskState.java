package org.orchestrator.api;

import java.util.Locale;

/**
 * States of a task instance (one per task per run). The strings are Airflow's. Which moves are
 * allowed is decided by the server's transition table, in one place.
 */
public enum TaskState {
    /** Created, dependencies not yet met. Shown as {@code null} by Airflow's API. */
    NONE,
    /** Dependencies met; waiting for an executor slot. */
    SCHEDULED,
    /** Claimed by an executor; about to start. */
    QUEUED,
    /** A try is running. */
    RUNNING,
    /** The last try succeeded. */
    SUCCESS,
    /** The last try failed and no tries are left. */
    FAILED,
    /** A try failed; another try starts after the retry delay. */
    UP_FOR_RETRY,
    /** An upstream failed so that the trigger rule can no longer be met. */
    UPSTREAM_FAILED,
    /** Skipped by branching, a trigger rule or the task itself. */
    SKIPPED,
    /** The task no longer exists in the DAG version the run uses. */
    REMOVED;

    /** {@return the Airflow spelling, e.g. {@code up_for_retry}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the state}
     *
     * @param wireName the Airflow spelling
     * @throws IllegalArgumentException for an unknown name
     */
    public static TaskState fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    /** {@return true when no further move happens without a clear or mark} */
    public boolean isFinished() {
        return switch (this) {
            case SUCCESS, FAILED, UPSTREAM_FAILED, SKIPPED, REMOVED -> true;
            default -> false;
        };
    }

    /** {@return true for {@code failed} and {@code upstream_failed}} */
    public boolean isFailure() {
        return this == FAILED || this == UPSTREAM_FAILED;
    }
}
