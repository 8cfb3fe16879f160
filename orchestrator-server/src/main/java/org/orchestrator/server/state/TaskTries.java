package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.orchestrator.api.TaskState;

/** One row per attempt of a task instance: its outcome, error and log location. */
public final class TaskTries {

    private static final String COLUMNS = "ti_id, try_number, state, node, start_date, end_date, error, log_path";
    private static final String VALUES = ":ti, :try, :state, :node, :start, :now, :error, :log";

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

    /**
     * Records how several tries ended, in one batch. A try's row is written once, when it ends
     * (a second report of the same try is ignored); while it runs, {@link #of} and {@link #find}
     * describe it from its task instance. A try whose instance was marked or cleared meanwhile is
     * still recorded with what the try itself did; one whose run was deleted meanwhile is not
     * (its instance is gone, and the outcome must not fail the whole batch).
     */
    public void finishAll(Tx h, List<TryEnd> ends, Instant now) {
        if (ends.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO task_try (" + COLUMNS + ") SELECT " + VALUES
                + " WHERE NOT EXISTS (SELECT 1 FROM task_try WHERE ti_id = :ti AND try_number = :try) "
                + "AND EXISTS (SELECT 1 FROM task_instance WHERE id = :ti)");
        ends.forEach(end -> bind(batch, end, now));
        batch.execute();
    }

    /**
     * {@link #finishAll}, told which ends were applied to their instance: an applied end is its
     * try's first report and its instance exists (the guarded transition saw it running that try),
     * so its row is a plain insert, without the two probes the others need.
     *
     * @param applied for each end, whether its outcome was applied
     */
    public void finishAll(Tx h, List<TryEnd> ends, boolean[] applied, Instant now) {
        List<TryEnd> stale = new java.util.ArrayList<>();
        PreparedBatch batch = h.prepareBatch("INSERT INTO task_try (" + COLUMNS + ") VALUES (" + VALUES + ")");
        for (int i = 0; i < ends.size(); i++) {
            if (applied[i]) {
                bind(batch, ends.get(i), now);
            } else {
                stale.add(ends.get(i));
            }
        }
        if (batch.size() > 0) {
            batch.execute();
        }
        finishAll(h, stale, now);
    }

    private static void bind(PreparedBatch batch, TryEnd end, Instant now) {
        batch.bind("ti", end.tiId()).bind("try", end.tryNumber()).bind("state", end.to().wireName())
                .bind("node", end.node()).bind("start", end.startDate()).bind("now", now).bind("error", end.error())
                .bind("log", end.logPath()).add();
    }

    /** @return the tries of an instance, first first, the running one included */
    public List<TryRow> of(Tx h, long tiId) {
        List<TryRow> rows = new java.util.ArrayList<>(h.createQuery("SELECT * FROM task_try WHERE ti_id = :ti ORDER BY try_number")
                .bind("ti", tiId).map(TryRow.MAPPER).list());
        running(h, tiId).filter(r -> rows.stream().noneMatch(done -> done.tryNumber() == r.tryNumber())).ifPresent(rows::add);
        return rows;
    }

    /** @return one try, the running one included */
    public Optional<TryRow> find(Tx h, long tiId, int tryNumber) {
        Optional<TryRow> ended = h.createQuery("SELECT * FROM task_try WHERE ti_id = :ti AND try_number = :try")
                .bind("ti", tiId).bind("try", tryNumber).map(TryRow.MAPPER).findOne();
        return ended.isPresent() ? ended : running(h, tiId).filter(r -> r.tryNumber() == tryNumber);
    }

    /** The try an instance is running now, described from the instance itself. */
    private Optional<TryRow> running(Tx h, long tiId) {
        return new TaskInstances().find(h, tiId)
                .filter(ti -> ti.state() == TaskState.RUNNING && ti.tryNumber() > 0)
                .map(ti -> new TryRow(ti.id(), ti.tryNumber(), TaskState.RUNNING, ti.node(), ti.startDate(), null, null,
                        TryLogPath.of(ti, ti.tryNumber())));
    }

}
