package org.orchestrator.server.state;

import java.time.Instant;

/**
 * Old history, for {@code db clean}: runs that finished before a cutoff (their task instances,
 * tries, XComs and rendered fields go with them by cascade) and asset events recorded before it
 * that no consumer still waits for. Never the audit log, never an unfinished run.
 */
public final class History {

    private static final String OLD_RUNS = "FROM dag_run WHERE state IN ('success', 'failed') "
            + "AND COALESCE(end_date, logical_date) < :before";
    private static final String OLD_EVENTS = "FROM asset_event WHERE created_at < :before "
            + "AND id NOT IN (SELECT event_id FROM asset_dag_run_queue)";

    /**
     * What a clean deletes.
     *
     * @param runs        finished runs
     * @param assetEvents asset events
     */
    public record Trimmed(int runs, int assetEvents) {
    }

    /** @return what {@link #trim} would delete */
    public Trimmed count(Tx h, Instant before) {
        return new Trimmed(h.createQuery("SELECT COUNT(*) " + OLD_RUNS).bind("before", before).mapTo(Integer.class).one(),
                h.createQuery("SELECT COUNT(*) " + OLD_EVENTS).bind("before", before).mapTo(Integer.class).one());
    }

    /** @return what was deleted */
    public Trimmed trim(Tx h, Instant before) {
        return new Trimmed(h.createUpdate("DELETE " + OLD_RUNS).bind("before", before).execute(),
                h.createUpdate("DELETE " + OLD_EVENTS).bind("before", before).execute());
    }
}
