package org.orchestrator.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.orchestrator.api.Dag;
import org.orchestrator.api.MapSource;
import org.orchestrator.server.Orchestrator;

/**
 * A mapped task with a long history for the grid benchmark: {@code web_mapped} lists files, maps
 * {@code process} over them and reduces; each seeded run expanded {@code process} into
 * {@link #WIDTH} instances, written straight into the tables as {@link GridSeed} does.
 */
final class MappedGridSeed {

    static final String DAG_ID = "web_mapped";
    static final int WIDTH = 1_000;
    private static final String[] STATES = {"success", "success", "success", "success", "success", "success",
            "success", "success", "failed", "skipped"};

    private MappedGridSeed() {
    }

    static Dag mapped() {
        return Dag.builder(DAG_ID).description("a 1,000-way mapped task for the grid benchmark").owner("bench")
                .task("list_files", ctx -> ctx.xcomPush(List.of()))
                .task("process", ctx -> { }, t -> t.expand("file", MapSource.fromXcom("list_files")))
                .task("reduce", ctx -> { }, t -> t.upstream("process"))
                .build();
    }

    /** Writes {@code runs} finished runs, one a day: list_files, WIDTH instances of process, reduce. */
    static void seed(Orchestrator orchestrator, int runs) {
        Instant first = Instant.parse("2024-01-01T00:00:00Z");
        orchestrator.database().jdbi().useTransaction(h -> {
            PreparedBatch runBatch = h.prepareBatch("INSERT INTO dag_run (dag_id, run_id, run_type, logical_date, "
                    + "data_interval_start, data_interval_end, state, conf, queued_at, start_date, end_date) VALUES "
                    + "(:dag, :run, 'scheduled', :at, :at, :end, 'success', '{}', :at, :at, :finished)");
            for (int r = 0; r < runs; r++) {
                Instant at = first.plus(Duration.ofDays(r));
                runBatch.bind("dag", DAG_ID).bind("run", String.format("scheduled__run_%04d", r)).bind("at", utc(at))
                        .bind("end", utc(at.plus(Duration.ofDays(1)))).bind("finished", utc(at.plusSeconds(120))).add();
            }
            runBatch.execute();
            List<Map<String, Object>> seeded = h.createQuery("SELECT id, run_id FROM dag_run WHERE dag_id = :dag")
                    .bind("dag", DAG_ID).mapToMap().list();
            PreparedBatch batch = h.prepareBatch("INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, try_number, "
                    + "max_tries, pool, priority_weight, queued_at, start_date, end_date, map_index) VALUES "
                    + "(:pk, :dag, :run, :task, :state, 1, 1, 'default_pool', 1, :start, :start, :end, :index)");
            for (Map<String, Object> run : seeded) {
                long pk = ((Number) run.get("id")).longValue();
                Instant start = first.plus(Duration.ofDays(pk % 1000));
                add(batch, pk, run.get("run_id"), "list_files", "success", -1, start);
                for (int i = 0; i < WIDTH; i++) {
                    add(batch, pk, run.get("run_id"), "process", STATES[(int) ((pk * 31 + i) % STATES.length)], i, start.plusSeconds(5));
                }
                add(batch, pk, run.get("run_id"), "reduce", "success", -1, start.plusSeconds(60));
            }
            batch.execute();
        });
    }

    private static void add(PreparedBatch batch, long pk, Object runId, String task, String state, int index, Instant start) {
        batch.bind("pk", pk).bind("dag", DAG_ID).bind("run", runId).bind("task", task).bind("state", state)
                .bind("start", utc(start)).bind("end", utc(start.plusSeconds(2))).bind("index", index).add();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
