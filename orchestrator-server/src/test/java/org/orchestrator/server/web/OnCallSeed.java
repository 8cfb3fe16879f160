package org.orchestrator.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.orchestrator.api.Dag;
import org.orchestrator.server.Orchestrator;

/**
 * {@code web_oncall} ({@code extract >> transform >> load}, in Asia/Kolkata) and a month of its
 * history written straight into the tables: 30 finished runs, one a day up to yesterday (UTC
 * midnights), run 1 the oldest. Every fifth run failed in {@code transform} (so {@code load} is
 * upstream_failed) and every seventh was triggered by hand.
 */
final class OnCallSeed {

    static final String DAG_ID = "web_oncall";
    static final int RUNS = 30;
    static final List<String> TASKS = List.of("extract", "transform", "load");

    private OnCallSeed() {
    }

    static Dag dag() {
        return Dag.builder(DAG_ID).description("on-call fixture").owner("ops").timezone("Asia/Kolkata")
                .task("extract", ctx -> ctx.log().info("extracted"))
                .task("transform", ctx -> {
                    ctx.log().warn("2 rows look odd");
                    if (Boolean.TRUE.equals(ctx.conf().get("fail"))) {
                        throw new IllegalStateException("told to fail by the run's conf");
                    }
                })
                .task("load", ctx -> ctx.log().info("loaded"))
                .chain("extract", "transform", "load").build();
    }

    /** {@code web_retried}: {@code wobbly} fails its first two tries at once, then {@code long} takes a second and a half. */
    static Dag retried() {
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> tries = new java.util.concurrent.ConcurrentHashMap<>();
        return Dag.builder("web_retried").owner("ops")
                .task("wobbly", ctx -> {
                    if (tries.computeIfAbsent(ctx.runId(), id -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet() < 3) {
                        throw new IllegalStateException("not yet");
                    }
                }, t -> t.retries(2).retryDelay(Duration.ofMillis(1)))
                .task("long", ctx -> Thread.sleep(1500))
                .chain("wobbly", "long").build();
    }

    /** {@code web_daily}: daily at 02:00 UTC, so it has a next run. */
    static Dag daily() {
        return Dag.builder("web_daily").owner("ops").schedule("0 2 * * *").catchup(false)
                .startDate(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2))
                .task("only", ctx -> ctx.log().info("ran")).build();
    }

    /** @param n 1 to 30 @return the run id of the n-th oldest seeded run */
    static String runId(int n) {
        return String.format("seed_%02d", n);
    }

    /** @param n 1 to 30 @return its logical date: midnight UTC, 30 days ago for run 1, yesterday for run 30 */
    static Instant logicalDate(int n) {
        return Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(RUNS + 1L - n));
    }

    static boolean failed(int n) {
        return n % 5 == 0;
    }

    static boolean manual(int n) {
        return n % 7 == 0;
    }

    static void seed(Orchestrator orchestrator) {
        orchestrator.database().jdbi().useTransaction(h -> {
            PreparedBatch runs = h.prepareBatch("INSERT INTO dag_run (dag_id, run_id, run_type, logical_date, data_interval_start, "
                    + "data_interval_end, state, conf, queued_at, start_date, end_date) VALUES "
                    + "(:dag, :run, :type, :at, :at, :at, :state, '{}', :at, :at, :end)");
            for (int n = 1; n <= RUNS; n++) {
                Instant at = logicalDate(n);
                runs.bind("dag", DAG_ID).bind("run", runId(n)).bind("type", manual(n) ? "manual" : "scheduled").bind("at", utc(at))
                        .bind("state", failed(n) ? "failed" : "success").bind("end", utc(at.plusSeconds(30 + n))).add();
            }
            runs.execute();
            PreparedBatch tis = h.prepareBatch("INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, try_number, "
                    + "max_tries, pool, priority_weight, queued_at, start_date, end_date) SELECT id, dag_id, run_id, :task, :state, "
                    + ":tries, 1, 'default_pool', 1, start_date, start_date, end_date FROM dag_run WHERE dag_id = :dag AND run_id = :run");
            for (int n = 1; n <= RUNS; n++) {
                for (String task : TASKS) {
                    String state = !failed(n) || task.equals("extract") ? "success" : task.equals("transform") ? "failed" : "upstream_failed";
                    tis.bind("task", task).bind("state", state).bind("tries", state.equals("upstream_failed") ? 0 : 1)
                            .bind("dag", DAG_ID).bind("run", runId(n)).add();
                }
            }
            tis.execute();
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
