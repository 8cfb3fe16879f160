package org.orchestrator.server.state;

import java.util.Locale;

/** Why a run exists; also the prefix of generated run ids, as in Airflow. */
public enum RunType {
    /** Created by the DAG's schedule. */
    SCHEDULED,
    /** Triggered by a user or a system (UI, API, CLI). */
    MANUAL,
    /** Created by {@code dags backfill}. */
    BACKFILL,
    /** Created because the assets its DAG is scheduled on were updated. */
    ASSET_TRIGGERED;

    /** @return e.g. {@code scheduled} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param name e.g. {@code manual} @return the type */
    public static RunType fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** @param logicalDate the run's logical date @return an Airflow-style run id, e.g. {@code manual__2026-01-01T00:00:00Z} */
    public String runIdFor(java.time.Instant logicalDate) {
        return wireName() + "__" + logicalDate;
    }
}
