package org.orchestrator.api;

import java.util.Locale;

/** States of a DAG run: {@code queued → running → success | failed}. */
public enum DagRunState {
    /** Created, waiting for a free slot under the DAG's max active runs. */
    QUEUED,
    /** Its tasks are being scheduled and run. */
    RUNNING,
    /** Every leaf task succeeded or was skipped. */
    SUCCESS,
    /** A leaf task failed or is upstream_failed, or the run was marked failed. */
    FAILED;

    /** {@return the Airflow spelling, e.g. {@code running}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the state}
     *
     * @param wireName the Airflow spelling
     * @throws IllegalArgumentException for an unknown name
     */
    public static DagRunState fromWireName(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    /** {@return true for success and failed} */
    public boolean isFinished() {
        return this == SUCCESS || this == FAILED;
    }
}
