package org.orchestrator.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.orchestrator.api.Dag;
import org.orchestrator.server.Orchestrator;

/**
 * A wide DAG and a long history for the grid benchmark: {@code web_wide} has 200 tasks in ten
 * layers of twenty, and its finished runs are written straight into the tables (the engine
 * ignores finished runs), far faster than running them.
 */
final class GridSeed {

    static final String DAG_ID = "web_wide";
    static final int TASKS = 200;
    private static final int LAYER = 20;
    private static final String[] STATES = {"success", "success", "success", "success", "success", "success",
            "success", "failed", "upstream_failed", "skipped"};

    private GridSeed() {
    }

    /** @return the 200-task DAG; task {@code tNNN} follows {@code t(NNN-20)} */
    static Dag wide() {
        Dag.Builder builder = Dag.builder(DAG_ID).description("200 tasks for the grid benchmark").owner("bench");
        for (int i = 0; i < TASKS; i++) {
            builder.task(taskId(i), ctx -> { });
        }
        for (int i = LAYER; i < TASKS; i++) {
            builder.chain(taskId(i - LAYER), taskId(i));
        }
        return builder.build();
    }

    /** Writes {@code runs} finished runs, one a day, each with an instance of every task. */
    static void seed(Orchestrator orchestrator, int runs) {
        Instant first = Instant.parse("2024-01-01T00:00:00Z");
        orchestrator.database().jdbi().useTransaction(h -> {
            PreparedBatch runBatch = h.prepareBatch("INSERT INTO dag_run (dag_id, run_id, run_type, logical_date, "
                    + "data_interval_start, data_interval_end, state, conf, queued_at, start_date, end_date) VALUES "
                    + "(:dag, :run, 'scheduled', :at, :at, :end, :state, '{}', :at, :at, :finished)");
            for (int r = 0; r < runs; r++) {
                Instant at = first.plus(Duration.ofDays(r));
                runBatch.bind("dag", DAG_ID).bind("run", runId(r)).bind("at", utc(at)).bind("end", utc(at.plus(Duration.ofDays(1))))
                        .bind("state", r % 10 == 7 ? "failed" : "success").bind("finished", utc(at.plus(Duration.ofSeconds(60 + r % 50))))
                        .add();
            }
            runBatch.execute();
            insertInstances(h, first);
        });
    }

    private static void insertInstances(Handle h, Instant first) {
        List<Map<String, Object>> runs = h.createQuery("SELECT id, run_id, logical_date FROM dag_run WHERE dag_id = :dag")
                .bind("dag", DAG_ID).mapToMap().list();
        PreparedBatch batch = h.prepareBatch("INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, try_number, "
                + "max_tries, pool, priority_weight, queued_at, start_date, end_date) VALUES "
                + "(:pk, :dag, :run, :task, :state, 1, 1, 'default_pool', 1, :start, :start, :end)");
        for (Map<String, Object> run : runs) {
            long pk = ((Number) run.get("id")).longValue();
            for (int t = 0; t < TASKS; t++) {
                Instant start = first.plus(Duration.ofDays(pk % 1000)).plusSeconds(t / LAYER * 6L);
                batch.bind("pk", pk).bind("dag", DAG_ID).bind("run", run.get("run_id")).bind("task", taskId(t))
                        .bind("state", STATES[(int) ((pk * 31 + t) % STATES.length)]).bind("start", utc(start))
                        .bind("end", utc(start.plusSeconds(1 + (pk + t) % 5))).add();
            }
        }
        batch.execute();
    }

    static String taskId(int i) {
        return String.format("t%03d", i);
    }

    private static String runId(int r) {
        return String.format("scheduled__run_%04d", r);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
