package org.orchestrator.server.state;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.rules.DagRunTransitions;

/** DAG runs: created queued, started under max active runs, finished by the run-state rule. */
public final class DagRuns {

    /**
     * What a new run is made of.
     *
     * @param dagId       the DAG
     * @param runId       the run id
     * @param type        why it exists
     * @param logicalDate its logical date
     * @param interval    its data interval
     * @param confJson    the conf, a JSON object
     * @param note        free text or null
     * @param dagVersion  the DAG version it will run with
     */
    public record NewRun(String dagId, String runId, RunType type, Instant logicalDate, DataInterval interval,
                         String confJson, String note, String dagVersion) {
    }

    /** Inserts a queued run; the unique keys make a second run for the same id or logical date fail. */
    public long insert(Tx h, NewRun run, Instant now) {
        return h.createUpdate("INSERT INTO dag_run (dag_id, run_id, run_type, logical_date, data_interval_start, "
                        + "data_interval_end, state, conf, note, dag_version, queued_at) VALUES (:dag, :runId, :type, "
                        + ":logical, :start, :end, 'queued', :conf, :note, :version, :now)")
                .bind("dag", run.dagId()).bind("runId", run.runId()).bind("type", run.type().wireName())
                .bind("logical", run.logicalDate()).bind("start", run.interval().start())
                .bind("end", run.interval().end()).bind("conf", run.confJson()).bind("note", run.note())
                .bind("version", run.dagVersion()).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** @return true if the DAG already has a run with this id or logical date */
    public boolean exists(Tx h, String dagId, String runId, Instant logicalDate) {
        return h.createQuery("SELECT 1 FROM dag_run WHERE dag_id = :dag AND (run_id = :runId OR logical_date = :logical)")
                .bind("dag", dagId).bind("runId", runId).bind("logical", logicalDate)
                .mapTo(Integer.class).findFirst().isPresent();
    }

    /** @return the run */
    public Optional<DagRunRow> find(Tx h, String dagId, String runId) {
        return h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run WHERE dag_id = :dag AND run_id = :runId")
                .bind("dag", dagId).bind("runId", runId).map(DagRunRow.MAPPER).findOne();
    }

    /** @return the DAG's run at this logical date */
    public Optional<DagRunRow> atLogicalDate(Tx h, String dagId, Instant logicalDate) {
        return h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run WHERE dag_id = :dag AND logical_date = :logical")
                .bind("dag", dagId).bind("logical", logicalDate).map(DagRunRow.MAPPER).findOne();
    }

    /** @return the DAG's latest successful run with a logical date before this one (Airflow's "prior successful run") */
    public Optional<DagRunRow> previousSuccess(Tx h, String dagId, Instant before) {
        return h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run WHERE dag_id = :dag AND state = 'success' "
                        + "AND logical_date < :before ORDER BY logical_date DESC LIMIT 1")
                .bind("dag", dagId).bind("before", before).map(DagRunRow.MAPPER).findOne();
    }

    /** @return the run */
    public Optional<DagRunRow> find(Tx h, long id) {
        return h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run WHERE id = :id")
                .bind("id", id).map(DagRunRow.MAPPER).findOne();
    }

    /** @return runs of a DAG, newest logical date first */
    public List<DagRunRow> ofDag(Tx h, String dagId, int limit, int offset) {
        return h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run WHERE dag_id = :dag "
                        + "ORDER BY logical_date DESC LIMIT :limit OFFSET :offset")
                .bind("dag", dagId).bind("limit", limit).bind("offset", offset).map(DagRunRow.MAPPER).list();
    }

    /** @return runs in a state, oldest logical date first */
    public List<DagRunRow> inState(Tx h, DagRunState state) {
        return h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run WHERE state = :state ORDER BY logical_date, id")
                .bind("state", state.wireName()).map(DagRunRow.MAPPER).list();
    }

    /**
     * @return "dag_id@version" of every version a queued or running run uses, or a finished run
     *         whose callbacks have not been taken yet: the versions that must stay loaded
     */
    public Set<String> versionsInUse(Tx h) {
        // Two indexed lookups (by state; by run id from the small outbox), never a scan of all runs.
        return new HashSet<>(h.createQuery("SELECT dag_id || '@' || dag_version FROM dag_run "
                        + "WHERE state IN ('queued', 'running') AND dag_version IS NOT NULL "
                        + "UNION SELECT r.dag_id || '@' || r.dag_version FROM callback_request c "
                        + "JOIN dag_run r ON r.dag_id = c.dag_id AND r.run_id = c.run_id WHERE r.dag_version IS NOT NULL")
                .mapTo(String.class).list());
    }

    /** @return how many runs of the DAG are queued or running */
    public int countActive(Tx h, String dagId) {
        return h.createQuery("SELECT COUNT(*) FROM dag_run WHERE dag_id = :dag AND state IN ('queued', 'running')")
                .bind("dag", dagId).mapTo(Integer.class).one();
    }

    /** @return how many runs of the DAG are running */
    public int countRunning(Tx h, String dagId) {
        return h.createQuery("SELECT COUNT(*) FROM dag_run WHERE dag_id = :dag AND state = 'running'")
                .bind("dag", dagId).mapTo(Integer.class).one();
    }

    /** @return the end of the latest scheduled interval stored for the DAG: where catchup resumes */
    public Optional<Instant> lastScheduledIntervalEnd(Tx h, String dagId) {
        return h.createQuery("SELECT MAX(data_interval_end) FROM dag_run WHERE dag_id = :dag AND run_type = 'scheduled'")
                .bind("dag", dagId).mapTo(Instant.class).findOne();
    }

    /**
     * Points a run at another version of its DAG, so the version the API and dashboard report is
     * the one whose code runs its next tries.
     *
     * @return true if the run exists
     */
    public boolean setVersion(Tx h, long id, String version) {
        return h.createUpdate("UPDATE dag_run SET dag_version = :version WHERE id = :id")
                .bind("id", id).bind("version", version).execute() == 1;
    }

    /** queued → running; @return true if it moved */
    public boolean start(Tx h, long id, Instant now) {
        return h.createUpdate("UPDATE dag_run SET state = 'running', start_date = :now WHERE id = :id AND state = 'queued'")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    /** running → success or failed; @return true if it moved */
    public boolean finish(Tx h, long id, DagRunState to, Instant now) {
        return h.createUpdate("UPDATE dag_run SET state = :to, end_date = :now WHERE id = :id AND state = 'running'")
                .bind("to", to.wireName()).bind("id", id).bind("now", now).execute() == 1;
    }

    /**
     * A change by an operator or a clear, guarded on the state it leaves.
     *
     * @return true if it moved
     * @throws org.orchestrator.rules.IllegalTransitionException when {@link DagRunTransitions} forbids it
     */
    public boolean setState(Tx h, long id, DagRunState from, DagRunState to, Instant now) {
        DagRunTransitions.check(from, to);
        String ends = to.isFinished() ? ", end_date = :now" : ", end_date = NULL";
        return h.createUpdate("UPDATE dag_run SET state = :to" + ends + " WHERE id = :id AND state = :from")
                .bind("to", to.wireName()).bind("from", from.wireName()).bind("id", id).bind("now", now)
                .execute() == 1;
    }

    /** Records the task instance that triggered the run, in the transaction that creates it. */
    public void setTriggeredBy(Tx h, long id, DagRunRow.TriggeredBy parent) {
        h.createUpdate("UPDATE dag_run SET triggered_by_dag_id = :dag, triggered_by_run_id = :run, "
                        + "triggered_by_task_id = :task WHERE id = :id")
                .bind("dag", parent.dagId()).bind("run", parent.runId()).bind("task", parent.taskId()).bind("id", id)
                .execute();
    }

    /** @return queued and running runs not yet flagged as SLA misses */
    public List<DagRunRow> activeWithoutSlaMiss(Tx h) {
        return h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run WHERE state IN ('queued', 'running') "
                + "AND sla_missed_at IS NULL ORDER BY id").map(DagRunRow.MAPPER).list();
    }

    /**
     * Flags a run as late, once: only a run still unfinished and not flagged yet moves.
     *
     * @return true for the one caller whose update flagged it
     */
    public boolean flagSlaMiss(Tx h, long id, Instant now) {
        return h.createUpdate("UPDATE dag_run SET sla_missed_at = :now WHERE id = :id AND sla_missed_at IS NULL "
                + "AND state IN ('queued', 'running')").bind("id", id).bind("now", now).execute() == 1;
    }

    /**
     * Deletes a run; its task instances, tries and XComs go with it (foreign keys cascade). Log
     * files stay on disk.
     *
     * @return true if it existed
     */
    public boolean delete(Tx h, long id) {
        return h.createUpdate("DELETE FROM dag_run WHERE id = :id").bind("id", id).execute() == 1;
    }

    /** @param note the operator's note, or null to remove it */
    public void setNote(Tx h, long id, String note) {
        h.createUpdate("UPDATE dag_run SET note = :note WHERE id = :id").bind("note", note).bind("id", id).execute();
    }
}
