package org.orchestrator.server.cluster;

import java.nio.file.Path;
import java.time.Instant;
import org.orchestrator.server.testing.TestJars;

/**
 * The DAG bundles the cluster tests drop into the shared dags folder, built as real jars. Their
 * tasks record each try in the external ledger database ({@code LEDGER_URL}): a row when the try
 * starts (idempotency key, try number, node name) and its end time when it is done, both taken
 * from PostgreSQL's clock so rows of different nodes compare.
 */
final class ClusterDags {

    /**
     * Java source of two methods for a provider's class: {@code started(ctx)} records a try's
     * start in the ledger and returns its row id, {@code ended(id)} records its end.
     */
    static final String LEDGER_METHODS = """
                static long started(org.orchestrator.api.TaskContext ctx) throws Exception {
                    try (var c = java.sql.DriverManager.getConnection(System.getenv("LEDGER_URL"), "orchestrator", "");
                         var s = c.prepareStatement("INSERT INTO ledger (idem_key, try_number, node) VALUES (?, ?, ?) RETURNING id")) {
                        s.setString(1, ctx.idempotencyKey());
                        s.setInt(2, ctx.tryNumber());
                        s.setString(3, System.getenv("ORCHESTRATOR_NODE_NAME"));
                        try (var rs = s.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                }
                static void ended(long id) throws Exception {
                    try (var c = java.sql.DriverManager.getConnection(System.getenv("LEDGER_URL"), "orchestrator", "");
                         var s = c.prepareStatement("UPDATE ledger SET ended_at = clock_timestamp() WHERE id = ?")) {
                        s.setLong(1, id);
                        s.executeUpdate();
                    }
            """;

    private ClusterDags() {
    }

    /**
     * {@code ledger}: {@code chains} chains of {@code steps} tasks; each task records itself in the
     * ledger around a sleep of {@code TASK_MILLIS} (env, default 200 ms). Three retries, 500 ms apart.
     */
    static Path ledgerDag(Path dagsFolder, String dagId, int chains, int steps) {
        return TestJars.provider(dagsFolder.resolve(dagId + ".jar"), dagId, """
                Dag.Builder dag = Dag.builder("%s").maxActiveRuns(100).maxActiveTasks(1000)
                        .defaults(d -> d.retries(3).retryDelay(Duration.ofMillis(500)));
                for (int c = 0; c < %d; c++) {
                    String[] chain = new String[%d];
                    for (int s = 0; s < chain.length; s++) {
                        chain[s] = "c" + c + "_s" + s;
                        dag.task(chain[s], ctx -> record(ctx));
                    }
                    if (chain.length > 1) {
                        dag.chain(chain);
                    }
                }
                return List.of(dag.build());
                    }
                    static void record(org.orchestrator.api.TaskContext ctx) throws Exception {
                        long id = started(ctx);
                        Thread.sleep(Long.parseLong(System.getenv().getOrDefault("TASK_MILLIS", "200")));
                        ended(id);
                    }
                """.formatted(dagId, chains, steps) + LEDGER_METHODS);
    }

    /** {@code sched_00} … : {@code count} DAGs with one trivial task, every second from {@code start}, with catchup. */
    static Path everySecond(Path dagsFolder, int count, Instant start) {
        return TestJars.provider(dagsFolder.resolve("every_second.jar"), "every_second", """
                List<Dag> dags = new java.util.ArrayList<>();
                for (int i = 0; i < %d; i++) {
                    dags.add(Dag.builder(String.format("sched_%%02d", i))
                            .schedule(Schedule.every(Duration.ofSeconds(1)))
                            .startDate(java.time.Instant.parse("%s")).catchup(true).maxActiveRuns(100)
                            .task("tick", ctx -> { })
                            .build());
                }
                return dags;
                """.formatted(count, start));
    }
}
