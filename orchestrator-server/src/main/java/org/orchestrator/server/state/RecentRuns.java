package org.orchestrator.server.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The latest runs of many DAGs in one query, for the DAG list's state dots: one window function
 * over the {@code (dag_id, logical_date)} index instead of one API call per DAG per refresh.
 */
public final class RecentRuns {

    /**
     * One run as a dot shows it.
     *
     * @param dagRunId    run id
     * @param state       queued, running, success or failed
     * @param runType     scheduled, manual or backfill
     * @param logicalDate its logical date
     * @param startDate   when it started, or null
     * @param endDate     when it ended, or null
     */
    public record RunDot(String dagRunId, String state, String runType, Instant logicalDate, Instant startDate,
                  Instant endDate) {
    }

    /** One DAG's newest runs: a page of the dag_run_dag_newest index (V18), however long its history. */
    static final String SQL = "SELECT run_id, state, run_type, logical_date, start_date, end_date FROM dag_run "
            + "WHERE dag_id = :dag" + DagRunQueries.NEWEST_OF_ONE_DAG + " LIMIT :perDag";

    /**
     * @param dagIds the DAGs (not empty)
     * @param perDag how many runs of each, newest first
     * @return each DAG's runs, newest first; DAGs without runs are absent
     */
    Map<String, List<RunDot>> latest(Tx h, List<String> dagIds, int perDag) {
        Map<String, List<RunDot>> latest = new LinkedHashMap<>();
        for (String dagId : new java.util.TreeSet<>(dagIds)) {
            List<RunDot> runs = h.createQuery(SQL).bind("dag", dagId).bind("perDag", perDag).map((rs, ctx) -> dot(rs)).list();
            if (!runs.isEmpty()) {
                latest.put(dagId, runs);
            }
        }
        return latest;
    }

    private static RunDot dot(ResultSet rs) throws SQLException {
        return new RunDot(rs.getString("run_id"), rs.getString("state"), rs.getString("run_type"),
                Rows.instant(rs, "logical_date"), Rows.instant(rs, "start_date"), Rows.instant(rs, "end_date"));
    }

}
