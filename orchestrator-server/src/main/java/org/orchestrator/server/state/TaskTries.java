package org.orchestrator.server.state;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.orchestrator.api.TaskState;

/** One row per attempt of a task instance: its outcome, error and log location. */
public final class TaskTries {

    /**
     * A try as stored.
     *
     * @param tiId      the task instance
     * @param tryNumber from 1
     * @param state     running, success, failed, up_for_retry or skipped
     * @param node      the node that ran it
     * @param startDate start
     * @param endDate   end, while running null
     * @param error     the failure, if any
     * @param logPath   the log file, never taken from a request
     */
    public record TryRow(long tiId, int tryNumber, TaskState state, String node, Instant startDate, Instant endDate,
                         String error, String logPath) {
        static final RowMapper<TryRow> MAPPER = (rs, ctx) -> new TryRow(rs.getLong("ti_id"), rs.getInt("try_number"),
                TaskState.fromWireName(rs.getString("state")), rs.getString("node"), Rows.instant(rs, "start_date"),
                Rows.instant(rs, "end_date"), rs.getString("error"), rs.getString("log_path"));
    }

    /** Records the start of tries that just began. */
    public void start(Handle h, Collection<TaskInstanceRow> started, String node, Instant now, LogPaths paths) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO task_try (ti_id, try_number, state, node, start_date, log_path) "
                + "VALUES (:ti, :try, 'running', :node, :now, :log)");
        for (TaskInstanceRow ti : started) {
            batch.bind("ti", ti.id()).bind("try", ti.tryNumber()).bind("node", node).bind("now", now)
                    .bind("log", paths.relativePath(ti, ti.tryNumber())).add();
        }
        batch.execute();
    }

    /** Records how several tries ended, in one batch. */
    public void finishAll(Handle h, List<TryEnd> ends, Instant now) {
        if (ends.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("UPDATE task_try SET state = :state, end_date = :now, error = :error "
                + "WHERE ti_id = :ti AND try_number = :try AND state = 'running'");
        ends.forEach(end -> batch.bind("state", end.to().wireName()).bind("now", now).bind("error", end.error())
                .bind("ti", end.tiId()).bind("try", end.tryNumber()).add());
        batch.execute();
    }

    /** @return the tries of an instance, first first */
    public List<TryRow> of(Handle h, long tiId) {
        return h.createQuery("SELECT * FROM task_try WHERE ti_id = :ti ORDER BY try_number")
                .bind("ti", tiId).map(TryRow.MAPPER).list();
    }

    /** @return one try */
    public Optional<TryRow> find(Handle h, long tiId, int tryNumber) {
        return h.createQuery("SELECT * FROM task_try WHERE ti_id = :ti AND try_number = :try")
                .bind("ti", tiId).bind("try", tryNumber).map(TryRow.MAPPER).findOne();
    }

    /** Where try logs live, relative to the logs folder; derived from ids, never from a request. */
    public interface LogPaths {
        /** @return the path of this try's log relative to the logs folder */
        String relativePath(TaskInstanceRow ti, int tryNumber);
    }
}
