package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.orchestrator.server.web.WebServer;
import org.orchestrator.api.Dag;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/**
 * Issue 3's API benchmark, run on demand ({@code -Dbench=true}): with 1,000 DAGs and 100,000
 * task instances stored, requests are sent at a fixed 200 per second over loopback and the
 * p50/p99 latency of {@code GET /dags}, {@code GET …/dagRuns?limit=100} and
 * {@code POST …/dagRuns} is printed (target: p99 under 50 ms each), after a warm-up phase.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ApiBenchmarkTest {

    private static final int DAGS = 1_000;
    private static final int RUNS_PER_DAG = 10;
    private static final int TASKS_STORED = 10;
    private static final int RATE = 200;
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void api_latency_at_200_requests_per_second() throws Exception {
        Dag[] dags = new Dag[DAGS];
        for (int d = 0; d < DAGS; d++) {
            // One task each: the POST phase measures the API, not how fast the engine runs new runs.
            dags[d] = Dag.builder(String.format("d%04d", d)).task("t0", ctx -> { }).build();
        }
        // The server's own defaults, not the tests' quick sweep: this measures a server as deployed.
        Map<String, String> defaults = Map.of("ORCHESTRATOR_SWEEP_INTERVAL_MS", "1000", "ORCHESTRATOR_PARALLELISM", "32");
        Path home = TestEngine.fresh();
        String auth = "Basic " + Base64.getEncoder().encodeToString("op:op-password".getBytes(StandardCharsets.UTF_8));
        AtomicInteger n = new AtomicInteger();
        try (ApiFixture api = ApiFixture.start(TestEngine.start(home, defaults, dags))) {
            seed(api);
            String base = "http://127.0.0.1:" + api.port();
            measure(i -> get(base + (i % 2 == 0 ? "/api/v1/dags" : "/api/v1/dags/~/dagRuns?limit=100"), auth));
            report("GET /api/v1/dags", measure(i -> get(base + "/api/v1/dags", auth)));
            report("GET /api/v1/dags/~/dagRuns?limit=100", measure(i -> get(base + "/api/v1/dags/~/dagRuns?limit=100", auth)));
            report("GET /api/v1/dags/d0500/dagRuns?limit=100", measure(i -> get(base + "/api/v1/dags/d0500/dagRuns?limit=100", auth)));
            report("POST /api/v1/dags/{dag_id}/dagRuns", measure(i -> trigger(base, n, auth)));
        }
        // The same database behind a node with only the webserver role (as a cluster deploys the
        // API): the runs are created and started, and no worker on these two cores runs them.
        Map<String, String> webOnly = new java.util.HashMap<>(defaults);
        webOnly.put("ORCHESTRATOR_ROLE", "webserver");
        ServerConfig config = ServerConfig.fromEnvironment(TestDatabase.withHome(home, webOnly));
        try (Orchestrator web = Orchestrator.start(config, Orchestrator.Options.of(config.roles()), List.of(dags));
             HttpServer server = WebServer.start(web, 0)) {
            String base = "http://127.0.0.1:" + server.port();
            measure(i -> trigger(base, n, auth));
            report("POST …/dagRuns on a webserver-only node", measure(i -> trigger(base, n, auth)));
        }
    }

    private static HttpRequest trigger(String base, AtomicInteger n, String auth) {
        int run = n.incrementAndGet();
        return post(base + "/api/v1/dags/" + String.format("d%04d", run % DAGS) + "/dagRuns", "{\"dag_run_id\": \"bench_" + run + "\"}", auth);
    }

    /** Stores 10,000 finished runs of 10 task instances each, in batches, straight into the tables. */
    private static void seed(ApiFixture api) {
        Instant base = Instant.parse("2020-01-01T00:00:00Z");
        api.engine().orchestrator().database().jdbi().useTransaction(h -> {
            PreparedBatch runs = h.prepareBatch("INSERT INTO dag_run (dag_id, run_id, run_type, logical_date, data_interval_start, "
                    + "data_interval_end, state, conf, queued_at, start_date, end_date) VALUES (:dag, :run, 'manual', :at, :at, :at, "
                    + "'success', '{}', :at, :at, :at)");
            for (int d = 0; d < DAGS; d++) {
                for (int r = 0; r < RUNS_PER_DAG; r++) {
                    Instant at = base.plusSeconds(3600L * r);
                    runs.bind("dag", String.format("d%04d", d)).bind("run", "seed_" + r).bind("at", at).add();
                }
            }
            runs.execute();
            h.createUpdate("INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, try_number, max_tries, pool, "
                    + "priority_weight, start_date, end_date) SELECT r.id, r.dag_id, r.run_id, 't' || x.n, 'success', 1, 1, "
                    + "'default_pool', 1, r.start_date, r.end_date FROM dag_run r CROSS JOIN SYSTEM_RANGE(0, 9) x(n)").execute();
        });
        int tis = api.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM task_instance")
                .mapTo(Integer.class).one());
        assertThat(tis).isGreaterThanOrEqualTo(DAGS * RUNS_PER_DAG * TASKS_STORED);
    }

    /** Sends at a fixed rate (not waiting for answers) and returns each latency in milliseconds. */
    private List<Double> measure(IntFunction<HttpRequest> request) throws Exception {
        long interval = 1_000_000_000L / RATE;
        int total = (int) (PHASE.toSeconds() * RATE);
        List<CompletableFuture<Double>> pending = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            HttpRequest r = request.apply(i);
            pending.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).thenApply(resp -> {
                assertThat(resp.statusCode()).as(resp.body()).isBetween(200, 299);
                return (System.nanoTime() - due) / 1e6;
            }));
        }
        List<Double> latencies = new ArrayList<>();
        for (CompletableFuture<Double> f : pending) {
            latencies.add(f.get());
        }
        return latencies;
    }

    private static void report(String what, List<Double> latencies) {
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("BENCH %-45s n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
    }

    private static HttpRequest get(String url, String auth) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).GET().build();
    }

    private static HttpRequest post(String url, String body, String auth) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
