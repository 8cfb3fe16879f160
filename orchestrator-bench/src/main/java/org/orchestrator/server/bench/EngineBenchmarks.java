package org.orchestrator.server.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.ops.Actor;

/**
 * The engine's benchmarks, on embedded H2 in a temporary home or on a PostgreSQL database (a
 * schema of its own per engine): no-op task throughput, task-to-task latency along a chain, and
 * time from process start to a healthy {@code /health}. On PostgreSQL it also counts commits.
 */
public final class EngineBenchmarks {

    private final int parallelism;
    private final String jdbcUrlOverride;
    private final String user;
    private final String password;
    private final PostgresBench postgres;

    /**
     * @param parallelism     tries at once on the benchmark node
     * @param jdbcUrlOverride a JDBC URL to use instead of the default H2 file (e.g. to compare write delays), or null
     */
    public EngineBenchmarks(int parallelism, String jdbcUrlOverride) {
        this(parallelism, jdbcUrlOverride, null, null);
    }

    /**
     * @param parallelism     tries at once on the benchmark node
     * @param jdbcUrlOverride a JDBC URL instead of the default H2 file, or null; on PostgreSQL only
     *                        schemas named {@code orchestrator_bench_*} are created and dropped in it
     * @param user            database user, or null for the default
     * @param password        database password, or null for the default
     */
    public EngineBenchmarks(int parallelism, String jdbcUrlOverride, String user, String password) {
        this.parallelism = parallelism;
        this.jdbcUrlOverride = jdbcUrlOverride;
        this.user = user;
        this.password = password;
        this.postgres = PostgresBench.isPostgres(jdbcUrlOverride)
                ? new PostgresBench(jdbcUrlOverride, user, password == null ? "" : password) : null;
    }

    /** @return true when the runs go to PostgreSQL */
    public boolean onPostgres() {
        return postgres != null;
    }

    /**
     * Throughput figures.
     *
     * @param tasks   tasks run
     * @param seconds wall time from trigger to the run's success
     * @param startSeconds of which: creating the run with its task instances and scheduling them
     * @param commits transactions the engine committed over its life (start-up included), -1 off PostgreSQL
     */
    public record Throughput(int tasks, double seconds, double startSeconds, long commits) {
        /** @return tasks per second, end to end */
        public double perSecond() {
            return tasks / seconds;
        }

        /** @return commits per task, -1 when not counted */
        public double commitsPerTask() {
            return commits < 0 ? -1 : (double) commits / tasks;
        }
    }

    /**
     * Hop latency figures in milliseconds.
     *
     * @param hops how many hops were measured
     * @param p50  median
     * @param p99  99th percentile
     * @param max  worst
     */
    public record Latency(int hops, double p50, double p99, double max) {
    }

    /** @param tasks independent no-op tasks in one run @return how fast they all ran */
    public Throughput throughput(int tasks) throws IOException {
        Dag.Builder wide = Dag.builder("bench_wide").maxActiveTasks(Math.max(tasks, 1));
        for (int i = 0; i < tasks; i++) {
            wide.task("t" + i, ctx -> { });
        }
        return throughput(wide.build(), tasks);
    }

    /**
     * @param width instances of one no-op task mapped over a literal list, in one run
     * @return how fast they all ran, the expansion included
     */
    public Throughput mappedThroughput(int width) throws IOException {
        // The engine refuses to expand past ORCHESTRATOR_MAX_MAP_LENGTH (1,024 by default).
        System.setProperty("orchestrator.max.map.length", String.valueOf(Math.max(width, 1)));
        List<Integer> elements = java.util.stream.IntStream.range(0, width).boxed().toList();
        Dag mapped = Dag.builder("bench_wide").maxActiveTasks(Math.max(width, 1))
                .task("t", ctx -> { }, t -> t.expand("i", org.orchestrator.api.MapSource.of(elements))).build();
        return throughput(mapped, width);
    }

    private Throughput throughput(Dag dag, int tasks) throws IOException {
        long commitsBefore = postgres == null ? 0 : postgres.settledCommits();
        double seconds;
        double startSeconds;
        try (Engine bench = start(dag)) {
            Orchestrator engine = bench.engine();
            long begin = System.nanoTime();
            DagRunRow run = engine.runs().trigger(engine.dags().get("bench_wide").orElseThrow(), null, null, Map.of(), null);
            long started = System.nanoTime();
            awaitSuccess(engine, run);
            seconds = (System.nanoTime() - begin) / 1e9;
            startSeconds = (started - begin) / 1e9;
        }
        long commits = postgres == null ? -1 : postgres.settledCommits() - commitsBefore;
        return new Throughput(tasks, seconds, startSeconds, commits);
    }

    /** @param length tasks in the chain @return the start-to-start gaps between consecutive no-op tasks */
    public Latency chain(int length) throws IOException {
        AtomicLongArray started = new AtomicLongArray(length);
        Dag.Builder chain = Dag.builder("bench_chain");
        String[] ids = new String[length];
        for (int i = 0; i < length; i++) {
            int index = i;
            ids[i] = "t" + i;
            chain.task(ids[i], ctx -> started.set(index, System.nanoTime()));
        }
        chain.chain(ids);
        try (Engine bench = start(chain.build())) {
            Orchestrator engine = bench.engine();
            DagRunRow run = engine.runs().trigger(engine.dags().get("bench_chain").orElseThrow(), null, null, Map.of(), null);
            awaitSuccess(engine, run);
        }
        double[] hops = new double[length - 1];
        for (int i = 1; i < length; i++) {
            hops[i - 1] = (started.get(i) - started.get(i - 1)) / 1e6;
        }
        Arrays.sort(hops);
        return new Latency(hops.length, percentile(hops, 50), percentile(hops, 99), hops[hops.length - 1]);
    }

    /**
     * Starts {@code server} in a fresh JVM and times it until {@code /health} answers 200.
     *
     * @param command the command line that starts the server jar (without the server arguments)
     * @return milliseconds from process start to healthy
     */
    public long startupMillis(List<String> command) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("orchestrator-bench-start");
        int port = freePort();
        List<String> full = new java.util.ArrayList<>(command);
        full.addAll(List.of("server", "--home", home.toString(), "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(home.resolve("server.out").toFile());
        long begin = System.nanoTime();
        Process process = builder.start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(1)).build();
            while (process.isAlive()) {
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - begin) / 1_000_000;
                    }
                } catch (IOException notYet) {
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            }
            throw new IOException("the server exited before it was healthy; see " + home.resolve("server.out"));
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** An engine and, on PostgreSQL, the schema made for it; closing stops the one and drops the other. */
    record Engine(Orchestrator engine, PostgresBench postgres, String schema) implements AutoCloseable {
        @Override
        public void close() {
            try {
                engine.close();
            } finally {
                if (schema != null) {
                    postgres.dropSchema(schema);
                }
            }
        }
    }

    /** @return the benchmark of asset-triggered runs, on engines like these */
    AssetBenchmarks assets() {
        return new AssetBenchmarks(home -> start(home, List.of()));
    }

    /** @return the benchmarks of task isolation, on engines like these */
    IsolationBenchmarks isolation() {
        return new IsolationBenchmarks(home -> start(home, List.of()));
    }

    private Engine start(Dag dag) throws IOException {
        return start(Files.createTempDirectory("orchestrator-bench"), List.of(dag));
    }

    private Engine start(Path home, List<Dag> pinned) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("ORCHESTRATOR_HOME", home.toString(),
                "ORCHESTRATOR_PARALLELISM", Integer.toString(parallelism), "ORCHESTRATOR_NODE_NAME", "bench"));
        String schema = postgres == null ? null : postgres.createSchema();
        if (jdbcUrlOverride != null) {
            env.put("ORCHESTRATOR_DB_URL", schema != null ? postgres.urlFor(schema) : jdbcUrlOverride.replace("{home}", home.toString()));
        }
        if (user != null) {
            env.put("ORCHESTRATOR_DB_USER", user);
        }
        if (password != null) {
            env.put("ORCHESTRATOR_DB_PASSWORD", password);
        }
        Orchestrator engine = Orchestrator.start(ServerConfig.fromEnvironment(env), Orchestrator.Options.ALL, pinned);
        engine.ops().pools().update(Actor.cli(), "default_pool", "default_pool", 1_000_000, "benchmark: unbounded");
        return new Engine(engine, postgres, schema);
    }

    static void awaitSuccess(Orchestrator engine, DagRunRow run) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            DagRunState state = engine.reads().run(run.dagId(), run.runId()).orElseThrow().state();
            if (state == DagRunState.SUCCESS) {
                return;
            }
            if (state == DagRunState.FAILED) {
                throw new IllegalStateException("benchmark run failed: " + run.runId());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        throw new IllegalStateException("benchmark run did not finish in 10 minutes");
    }

    static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
