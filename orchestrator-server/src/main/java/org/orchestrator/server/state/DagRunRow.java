package org.orchestrator.server.state;

import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;

/**
 * One DAG run as stored.
 *
 * @param id           surrogate key
 * @param dagId        the DAG
 * @param runId        the run id
 * @param runType      scheduled, manual or backfill
 * @param logicalDate  the logical date
 * @param interval     the data interval
 * @param state        current state
 * @param conf         the trigger's conf as JSON (an object, possibly empty)
 * @param note         free text
 * @param dagVersion   the DAG version it runs with
 * @param queuedAt     when created
 * @param startDate    when it started running
 * @param endDate      when it finished
 * @param slaMissedAt  when the sweep found it late for its DAG's SLA, or null
 * @param triggeredBy  the task instance that triggered it (TriggerDagRunTask), or null
 */
public record DagRunRow(long id, String dagId, String runId, RunType runType, Instant logicalDate,
                        DataInterval interval, DagRunState state, String conf, String note, String dagVersion,
                        Instant queuedAt, Instant startDate, Instant endDate, Instant slaMissedAt,
                        TriggeredBy triggeredBy) {

    /**
     * The task instance that triggered a run.
     *
     * @param dagId  its DAG
     * @param runId  its run
     * @param taskId its task
     */
    public record TriggeredBy(String dagId, String runId, String taskId) {
    }

    static final String COLUMNS = "id, dag_id, run_id, run_type, logical_date, data_interval_start, "
            + "data_interval_end, state, conf, note, dag_version, queued_at, start_date, end_date, sla_missed_at, "
            + "triggered_by_dag_id, triggered_by_run_id, triggered_by_task_id";

    static final RowMapper<DagRunRow> MAPPER = (rs, ctx) -> new DagRunRow(
            rs.getLong("id"), rs.getString("dag_id"), rs.getString("run_id"),
            RunType.fromWireName(rs.getString("run_type")), Rows.instant(rs, "logical_date"),
            new DataInterval(Rows.instant(rs, "data_interval_start"), Rows.instant(rs, "data_interval_end")),
            DagRunState.fromWireName(rs.getString("state")), rs.getString("conf"), rs.getString("note"),
            rs.getString("dag_version"), Rows.instant(rs, "queued_at"), Rows.instant(rs, "start_date"),
            Rows.instant(rs, "end_date"), Rows.instant(rs, "sla_missed_at"), triggeredBy(rs));

    private static TriggeredBy triggeredBy(java.sql.ResultSet rs) throws java.sql.SQLException {
        String dagId = rs.getString("triggered_by_dag_id");
        return dagId == null ? null
                : new TriggeredBy(dagId, rs.getString("triggered_by_run_id"), rs.getString("triggered_by_task_id"));
    }
}
