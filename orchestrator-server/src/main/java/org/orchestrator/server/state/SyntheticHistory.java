package org.orchestrator.server.state;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Finished runs written in bulk, as a long-lived deployment accumulates them: each a successful
 * manual run whose task instances succeeded on their first try (with that try's row). For the
 * benchmark's {@code --history}, which measures whether the engine slows down as history grows;
 * the rows look like the ones the engine writes, so the same indexes and queries see them.
 */
public final class SyntheticHistory {

    /** Hours between two history runs' logical dates, back from the newest. */
    private static final Duration SPACING = Duration.ofHours(1);

    /**
     * Writes runs {@code first} to {@code first + runs - 1} of a DAG's history, in batches.
     *
     * @param dagId       the DAG they belong to
     * @param first       index of the first run (run ids and logical dates derive from it, so chunks never clash)
     * @param runs        runs to write
     * @param tasksPerRun finished task instances (and tries) per run
     * @param newest      the logical date of run 0; run {@code i} is {@code i} hours before it
     * @return task instances written
     */
    public int load(Tx h, String dagId, int first, int runs, int tasksPerRun, Instant newest) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO dag_run (dag_id, run_id, run_type, logical_date, data_interval_start, "
                + "data_interval_end, state, queued_at, start_date, end_date) VALUES (:dag, :runId, :type, :logical, :logical, "
                + ":logical, 'success', :logical, :logical, :end)");
        for (int i = first; i < first + runs; i++) {
            Instant logical = newest.minus(SPACING.multipliedBy(i));
            batch.bind("dag", dagId).bind("runId", runId(i)).bind("type", RunType.MANUAL.wireName())
                    .bind("logical", logical).bind("end", logical.plusSeconds(60)).add();
        }
        batch.execute();
        List<Long> ids = h.createQuery("SELECT id FROM dag_run WHERE dag_id = :dag AND run_id IN (<runIds>)")
                .bind("dag", dagId).bindList("runIds", java.util.stream.IntStream.range(first, first + runs).mapToObj(SyntheticHistory::runId).toList())
                .mapTo(Long.class).list();
        insertInstances(h, dagId, ids, tasksPerRun);
        h.createUpdate("INSERT INTO task_try (ti_id, try_number, state, node, start_date, end_date, error, log_path) "
                        + "SELECT id, 1, 'success', node, start_date, end_date, NULL, "
                        + "'dag_id=' || dag_id || '/run_id=' || run_id || '/task_id=' || task_id || '/attempt=1.log' "
                        + "FROM task_instance WHERE run_pk IN (<ids>)")
                .bindList("ids", ids).execute();
        return ids.size() * tasksPerRun;
    }

    /**
     * Settles the tables a load wrote on PostgreSQL as autovacuum settles a database that grew
     * over months: {@code VACUUM ANALYZE} (the planner's statistics, and the visibility map that
     * lets a count read an index alone). Right after a bulk load the planner may still plan for
     * the empty tables it saw before, and autovacuum would start on the new rows while a
     * benchmark measures. Not inside a transaction. H2 needs nothing: it re-analyzes a table by
     * itself after every 2,000 changed rows ({@code ANALYZE_AUTO}), and its {@code ANALYZE}
     * needs admin rights the engine's user does not have.
     */
    public void settle(Tx h) {
        if (!Dialect.postgres(h)) {
            return;
        }
        for (String table : List.of("dag_run", "task_instance", "task_try")) {
            h.createUpdate("VACUUM ANALYZE " + table).execute();
        }
    }

    private static void insertInstances(Tx h, String dagId, List<Long> runPks, int tasksPerRun) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, try_number, "
                + "max_tries, pool, priority_weight, node, queued_at, start_date, end_date, scheduled_at) SELECT id, dag_id, run_id, "
                + ":task, 'success', 1, 1, 'default_pool', 1, 'history', start_date, start_date, end_date, start_date "
                + "FROM dag_run WHERE id = :run");
        for (long runPk : runPks) {
            for (int t = 0; t < tasksPerRun; t++) {
                batch.bind("run", runPk).bind("task", "task_" + t).add();
            }
        }
        batch.execute();
    }

    private static String runId(int index) {
        return String.format("history__%07d", index);
    }
}
