package org.orchestrator.api;

/**
 * When a task may run, given the states of its direct upstream tasks. The names and meanings are
 * Airflow's; {@link #ALL_SUCCESS} is the default.
 */
public enum TriggerRule {
    /** Every upstream succeeded. */
    ALL_SUCCESS,
    /** Every upstream failed or is upstream_failed. */
    ALL_FAILED,
    /** Every upstream finished, whatever its outcome. */
    ALL_DONE,
    /** At least one upstream succeeded (does not wait for the others). */
    ONE_SUCCESS,
    /** At least one upstream failed (does not wait for the others). */
    ONE_FAILED,
    /** Every upstream finished and none failed (skipped is fine). */
    NONE_FAILED,
    /** Every upstream finished, none failed, and at least one succeeded. */
    NONE_FAILED_MIN_ONE_SUCCESS,
    /** Every upstream finished and none was skipped. */
    NONE_SKIPPED,
    /** Runs as soon as the run starts, whatever the upstream do. */
    ALWAYS;

    /** {@return the Airflow spelling, e.g. {@code all_success}} */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * {@return the rule}
     *
     * @param wireName the Airflow spelling, e.g. {@code none_failed}
     * @throws IllegalArgumentException for an unknown name
     */
    public static TriggerRule fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(java.util.Locale.ROOT));
    }
}
