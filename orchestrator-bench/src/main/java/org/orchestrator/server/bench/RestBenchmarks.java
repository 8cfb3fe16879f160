package org.orchestrator.server.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.orchestrator.api.Dag;
import org.orchestrator.server.http.HttpServer;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.web.WebServer;

/**
 * The REST list endpoints under load (issue 18): an engine whose database holds the history, its
 * real HTTP server on loopback, and an open-loop client sending a fixed number of requests per
 * second spread round-robin over the lists an Airflow user, script or the dashboard reads. Each
 * latency runs from the request's <em>scheduled</em> send time, so a server that falls behind is
 * charged for the queue it builds (no coordinated omission).
 */
final class RestBenchmarks {

    /** The DAG the history belongs to; its tasks are the history's, so the grid lines up with it. */
    static final String DAG_ID = "bench_history";
    private static final String PASSWORD = "bench-admin-password";

    /** Starts an engine with the history (if any) of a pinned DAG loaded. */
    @FunctionalInterface
    interface Engines {
        EngineBenchmarks.Engine start(Dag dag) throws IOException;
    }

    /**
     * One endpoint's latencies.
     *
     * @param name    the request, as printed
     * @param sent    requests sent
     * @param failed  answers that were not 2xx (or no answer)
     * @param p50     median, ms from the scheduled send time
     * @param p99     99th percentile
     * @param max     worst
     */
    record Figures(String name, int sent, int failed, double p50, double p99, double max) {
        @Override
        public String toString() {
            return String.format("%-70s n=%5d failed=%d p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms", name, sent, failed, p50, p99, max);
        }
    }

    /**
     * A measurement: per endpoint, over all of them, and the rate the server kept up with.
     *
     * @param endpoints  per request kind
     * @param overall    every request
     * @param achieved   answers per second, from the first scheduled send to the last answer
     * @param cpuMillis  CPU time of this whole JVM (server, engine and client) per request during
     *                   the load: on a shared VM the figure that other processes' load does not inflate
     */
    record Result(List<Figures> endpoints, Figures overall, double achieved, double cpuMillis) {
    }

    /**
     * One request kind sent alone, after the warm-up.
     *
     * @param wallMillis median time to the answer
     * @param cpuMillis  mean CPU time of this JVM per request (server, engine and client)
     */
    record Alone(double wallMillis, double cpuMillis) {
    }

    /** Each request kind's figures with nothing else in flight, by request; empty before {@link #measure}. */
    Map<String, Alone> alone = Map.of();

    private final Engines engines;

    RestBenchmarks(Engines engines) {
        this.engines = engines;
    }

    /**
     * @param rate    requests per second
     * @param seconds how long to send them (after a warm-up of the same rate for a quarter of that,
     *                then each request kind alone)
     * @return the latencies of each endpoint
     */
    Result measure(int rate, int seconds) throws IOException, InterruptedException {
        Dag.Builder dag = Dag.builder(DAG_ID);
        for (int t = 0; t < EngineBenchmarks.HISTORY_TASKS_PER_RUN; t++) {
            dag.task("task_" + t, ctx -> { });
        }
        try (EngineBenchmarks.Engine bench = engines.start(dag.build())) {
            bench.engine().ops().accounts().createUser(Actor.cli(), "admin", PASSWORD, "admin");
            // One live run of the DAG finished by the engine (on an empty database the only one), so
            // that the run's own task instance list has a run to list.
            EngineBenchmarks.awaitSuccess(bench.engine(), bench.engine().runs().trigger(
                    bench.engine().dags().get(DAG_ID).orElseThrow(), null, null, Map.of(), null));
            try (HttpServer server = WebServer.start(bench.engine(), "127.0.0.1", 0);
                 ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                 HttpClient client = HttpClient.newBuilder().executor(threads).version(HttpClient.Version.HTTP_1_1)
                         .connectTimeout(Duration.ofSeconds(5)).build()) {
                Load load = new Load(client, "http://127.0.0.1:" + server.port(), newestRun(bench));
                load.run(rate, Math.max(1, seconds / 4));
                alone = load.alone();
                return load.run(rate, seconds);
            }
        }
    }

    /** @return the run id of the history's newest run, or a run that does not exist when there is none */
    private static String newestRun(EngineBenchmarks.Engine bench) {
        return bench.engine().reads().runs(new org.orchestrator.server.state.DagRunQueries.RunFilter(List.of(DAG_ID), List.of(),
                        org.orchestrator.server.state.Range.any(), org.orchestrator.server.state.Range.any(),
                        org.orchestrator.server.state.Range.any()), "-execution_date", new org.orchestrator.server.state.Page(1, 0))
                .items().stream().map(org.orchestrator.server.state.DagRunRow::runId).findFirst().orElse("none");
    }

    /** The requests, sent round-robin; the latencies kept per request kind. */
    private static final class Load {

        private static final int ALONE = 30;
        private final HttpClient client;
        private final Map<String, HttpRequest> requests = new LinkedHashMap<>();

        Load(HttpClient client, String base, String newestRun) {
            this.client = client;
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            String runs = "/api/v1/dags/" + DAG_ID + "/dagRuns";
            for (String path : List.of("/api/v1/dags", runs, runs + "?order_by=-execution_date", runs + "?state=failed",
                    runs + "?state=success&order_by=-execution_date&limit=25", "/api/v1/dags/~/dagRuns?limit=100",
                    "/api/v1/dags/~/dagRuns/~/taskInstances", "/api/v1/dags/~/dagRuns/~/taskInstances?state=failed",
                    runs + "/" + newestRun + "/taskInstances", "/api/v1/eventLogs", "/api/v1/importErrors?limit=1",
                    "/ui/api/dags/" + DAG_ID + "/grid", "/ui/api/dags/" + DAG_ID + "/grid?instances=none",
                    "/ui/api/recentRuns?dag_id=" + DAG_ID + "&limit=10")) {
                requests.put("GET " + path, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).build());
            }
            String batch = "{\"dag_ids\": [\"" + DAG_ID + "\"], \"state\": [\"failed\", \"running\"], \"page_limit\": 100}";
            requests.put("POST /api/v1/dags/~/dagRuns/~/taskInstances/list " + batch, HttpRequest.newBuilder(
                            URI.create(base + "/api/v1/dags/~/dagRuns/~/taskInstances/list")).header("Authorization", auth)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch)).build());
        }

        /**
         * @return per request kind, the median wall time of {@value #ALONE} sequential sends (the
         * service time without queueing) and the mean CPU time of this JVM per send
         */
        Map<String, Alone> alone() throws InterruptedException {
            Map<String, Alone> medians = new LinkedHashMap<>();
            for (Map.Entry<String, HttpRequest> request : requests.entrySet()) {
                double[] ms = new double[ALONE];
                long cpu = cpuNanos();
                for (int i = 0; i < ALONE; i++) {
                    long begin = System.nanoTime();
                    try {
                        client.send(request.getValue(), HttpResponse.BodyHandlers.discarding());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    ms[i] = (System.nanoTime() - begin) / 1e6;
                }
                double cpuMillis = (cpuNanos() - cpu) / 1e6 / ALONE;
                java.util.Arrays.sort(ms);
                medians.put(request.getKey(), new Alone(ms[ALONE / 2], cpuMillis));
            }
            return medians;
        }

        Result run(int rate, int seconds) throws InterruptedException {
            List<String> names = List.copyOf(requests.keySet());
            long interval = 1_000_000_000L / rate;
            int total = rate * seconds;
            List<List<CompletableFuture<Double>>> pending = new ArrayList<>();
            names.forEach(n -> pending.add(new ArrayList<>()));
            long cpuBefore = cpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int kind = i % names.size();
                pending.get(kind).add(client.sendAsync(requests.get(names.get(kind)), HttpResponse.BodyHandlers.discarding())
                        .handle((response, failure) -> {
                            double ms = (System.nanoTime() - due) / 1e6;
                            boolean ok = failure == null && response.statusCode() / 100 == 2;
                            return ok ? ms : -ms;
                        }));
            }
            List<Figures> endpoints = new ArrayList<>();
            List<Double> every = new ArrayList<>();
            for (int k = 0; k < names.size(); k++) {
                List<Double> signed = pending.get(k).stream().map(CompletableFuture::join).toList();
                every.addAll(signed);
                endpoints.add(figures(names.get(k), signed));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return new Result(endpoints, figures("all of them", every), total / elapsed, (cpuNanos() - cpuBefore) / 1e6 / total);
        }

        private static long cpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** Latencies of failed requests come negative: counted as failed, and their time still counts. */
        private static Figures figures(String name, List<Double> signed) {
            double[] ms = signed.stream().mapToDouble(Math::abs).sorted().toArray();
            int failed = (int) signed.stream().filter(v -> v < 0).count();
            return new Figures(name, ms.length, failed, EngineBenchmarks.percentile(ms, 50), EngineBenchmarks.percentile(ms, 99),
                    ms[ms.length - 1]);
        }
    }
}
