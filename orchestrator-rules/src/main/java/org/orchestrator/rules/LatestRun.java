package org.orchestrator.rules;

import java.time.Instant;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DataInterval;

/**
 * Airflow's {@code LatestOnlyOperator} question, for the server and the test harness alike: is
 * this run the latest? A run triggered from outside the schedule (by hand, the API, another
 * task) always is. A scheduled or backfill run is when its data interval is the latest one of
 * the DAG's timetable that has ended by now, that is (Airflow's window) its interval's end is
 * before now and the next interval has not ended yet.
 */
public final class LatestRun {

    private LatestRun() {
    }

    /**
     * @param dag                 the DAG
     * @param interval            the run's data interval
     * @param externallyTriggered true for a manual run (UI, API, CLI, another task)
     * @param now                 the current time
     * @return true when downstream of a latest-only task should run
     */
    public static boolean isLatest(Dag dag, DataInterval interval, boolean externallyTriggered, Instant now) {
        if (externallyTriggered) {
            return true;
        }
        return Timetable.of(dag).latestEndedBy(now).map(interval::equals).orElse(true);
    }
}
