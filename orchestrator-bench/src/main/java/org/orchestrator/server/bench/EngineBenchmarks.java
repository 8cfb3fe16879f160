package org.orchestrator.server.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.state.DagRunQueries;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Page;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.Reads;
import org.orchestrator.server.state.SyntheticHistory;
import org.orchestrator.server.state.TaskInstanceQueries;
import org.orchestrator.server.ops.Actor;

/**
 * The engine's benchmarks, on embedded H2 in a temporary home or on a PostgreSQL database (a
 * schema of its own per engine): no-op task throughput, task-to-task latency along a chain, and
 * time from process start to a healthy {@code /health}. On PostgreSQL it also counts commits.
 */
public final class EngineBenchmarks {

    /** Finished task instances per history run, as in the 200-task DAG. */
    static final int HISTORY_TASKS_PER_RUN = 200;
    /** History runs written per transaction: 10,000 instances, so a large history never makes one huge commit. */
    private static final int HISTORY_RUNS_PER_COMMIT = 50;

    private final int parallelism;
    private final boolean wide;
    private final int history;
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
        this(parallelism, true, 0, jdbcUrlOverride, user, password);
    }

    private EngineBenchmarks(int parallelism, boolean wide, int history, String jdbcUrlOverride, String user, String password) {
        this.parallelism = parallelism;
        this.wide = wide;
        this.history = history;
        this.jdbcUrlOverride = jdbcUrlOverride;
        this.user = user;
        this.password = password;
        this.postgres = PostgresBench.isPostgres(jdbcUrlOverride)
                ? new PostgresBench(jdbcUrlOverride, user, password == null ? "" : password) : null;
    }

    /**
     * @return the same database with the engine's and the DAG's default limits: parallelism from
     * ServerConfig, max active tasks and runs from Dag.Builder, {@code default_pool} as shipped
     */
    public EngineBenchmarks withDefaults() {
        return new EngineBenchmarks(ServerConfig.fromEnvironment(Map.of()).parallelism(), false, history, jdbcUrlOverride, user, password);
    }

    /** @param instances finished task instances each engine's database gets before its DAG runs @return such benchmarks */
    public EngineBenchmarks withHistory(int instances) {
        return new EngineBenchmarks(parallelism, wide, instances, jdbcUrlOverride, user, password);
    }

    /** @return the limits the runs use, for the report */
    public String settings() {
        Dag defaults = Dag.builder("defaults").build();
        String limits = wide
                ? "limits wide: parallelism " + parallelism + ", max active tasks = the DAG's width, default_pool unbounded"
                : "engine defaults: parallelism " + parallelism + ", max active tasks " + defaults.maxActiveTasks()
                        + ", max active runs " + defaults.maxActiveRuns() + ", default_pool as shipped";
        return history == 0 ? limits : limits + ", history of " + historyWritten(history) + " finished task instances";
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
        Dag.Builder independent = limited(Dag.builder("bench_wide"), tasks);
        for (int i = 0; i < tasks; i++) {
            independent.task("t" + i, ctx -> { });
        }
        return throughput(independent.build(), tasks, 1);
    }

    /**
     * @param layers layers of no-op tasks, each task depending on every task of the layer before
     * @param width  tasks per layer
     * @param runs   runs triggered at once
     * @return how fast they all ran: from the first trigger to the last run's success
     */
    public Throughput layered(int layers, int width, int runs) throws IOException {
        Dag.Builder layered = limited(Dag.builder("bench_layered"), width);
        String[] previous = new String[0];
        for (int layer = 0; layer < layers; layer++) {
            String[] current = new String[width];
            for (int i = 0; i < width; i++) {
                current[i] = "l" + layer + "_t" + i;
                String[] upstream = previous;
                layered.task(current[i], ctx -> { }, t -> t.upstream(upstream));
            }
            previous = current;
        }
        return throughput(layered.build(), layers * width * runs, runs);
    }

    /** The DAG's own limits opened to its width when the benchmark runs wide, else left at their defaults. */
    private Dag.Builder limited(Dag.Builder dag, int width) {
        return wide ? dag.maxActiveTasks(Math.max(width, 1)) : dag;
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
        return throughput(mapped, width, 1);
    }

    /** Triggers {@code runs} runs of the DAG one after another, then waits for all of them. */
    private Throughput throughput(Dag dag, int tasks, int runs) throws IOException {
        long commitsBefore = postgres == null ? 0 : postgres.settledCommits();
        double seconds;
        double startSeconds;
        try (Engine bench = start(dag)) {
            Orchestrator engine = bench.engine();
            Instant logicalDate = Instant.now();
            List<DagRunRow> triggered = new java.util.ArrayList<>();
            long begin = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                // Distinct logical dates: two manual runs in the same microsecond would clash.
                triggered.add(engine.runs().trigger(engine.dags().get(dag.id()).orElseThrow(), null,
                        logicalDate.plusSeconds(i), Map.of(), null));
            }
            long started = System.nanoTime();
            triggered.forEach(run -> awaitSuccess(engine, run));
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
        return startupMillis(command, "server");
    }

    /**
     * Starts {@code server} or {@code standalone} on a new home in a fresh JVM and times it until
     * {@code /health} answers 200.
     *
     * @param command       the command line that starts the server jar (without the server arguments)
     * @param serverCommand {@code server}, or {@code standalone} (the quick start: example DAGs, admin user)
     * @return milliseconds from process start to healthy
     */
    public long startupMillis(List<String> command, String serverCommand) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("orchestrator-bench-start");
        long millis = startupMillis(command, serverCommand, home);
        Engine.deleteTree(home); // kept only when the start failed, for its server.out
        return millis;
    }

    /**
     * {@link #startupMillis(List, String)} on a home of the caller's, which is kept: started again
     * on a home a first start made, it times a restart.
     */
    public long startupMillis(List<String> command, String serverCommand, Path home) throws IOException, InterruptedException {
        int port = freePort();
        List<String> full = new java.util.ArrayList<>(command);
        full.addAll(List.of(serverCommand, "--home", home.toString(), "--port", Integer.toString(port)));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(home.resolve("server.out").toFile());
        long begin = System.nanoTime();
        Process process = builder.start();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(1)).build();
            while (process.isAlive()) {
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        long millis = (System.nanoTime() - begin) / 1_000_000;
                        stop(process);
                        return millis;
                    }
                } catch (IOException notYet) {
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                }
            }
            throw new IOException("the server exited before it was healthy; see " + home.resolve("server.out"));
        } finally {
            stop(process);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /**
     * An engine, its home and, on PostgreSQL, the schema made for it; closing stops the engine,
     * drops the schema and deletes the home (a million-instance history is gigabytes of H2 file).
     */
    record Engine(Orchestrator engine, PostgresBench postgres, String schema, Path home) implements AutoCloseable {
        @Override
        public void close() {
            try {
                engine.close();
            } finally {
                if (schema != null) {
                    postgres.dropSchema(schema);
                }
                deleteTree(home);
            }
        }

        static void deleteTree(Path home) {
            try (java.util.stream.Stream<Path> files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                System.err.println("could not delete the benchmark's home " + home + ": " + e.getMessage());
            }
        }
    }

    /** @return the benchmark of asset-triggered runs, on engines like these */
    AssetBenchmarks assets() {
        return new AssetBenchmarks(home -> start(home, List.of()));
    }

    /** @return the benchmark of the REST list endpoints, on engines like these (with their history) */
    RestBenchmarks rest() {
        return new RestBenchmarks(this::start);
    }

    /** @return the benchmarks of task isolation, on engines like these */
    IsolationBenchmarks isolation() {
        return new IsolationBenchmarks(home -> start(home, List.of()));
    }

    private Engine start(Dag dag) throws IOException {
        return start(Files.createTempDirectory("orchestrator-bench"), List.of(dag));
    }

    private Engine start(Path home, List<Dag> pinned) {
        String schema = postgres == null ? null : postgres.createSchema();
        Orchestrator engine = open(home, schema, pinned);
        if (history > 0 && !pinned.isEmpty()) {
            loadHistory(engine, pinned.get(0).id(), history);
        }
        return new Engine(engine, postgres, schema, home);
    }

    /** @return the storage benchmark, on engines like these that it can close and open again on the same database */
    StorageBenchmarks storage() {
        return new StorageBenchmarks(postgres, this::open, this::limited);
    }

    /** Starts an engine on {@code home} and, on PostgreSQL, on {@code schema} (made by the caller). */
    private Orchestrator open(Path home, String schema, List<Dag> pinned) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("ORCHESTRATOR_HOME", home.toString(),
                "ORCHESTRATOR_PARALLELISM", Integer.toString(parallelism), "ORCHESTRATOR_NODE_NAME", "bench"));
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
        if (wide) {
            engine.ops().pools().update(Actor.cli(), "default_pool", "default_pool", 1_000_000, "benchmark: unbounded");
        }
        return engine;
    }

    /**
     * Loads a history into a fresh engine's database and counts it back through the API's reads.
     *
     * @param instances finished task instances to write, {@value #HISTORY_TASKS_PER_RUN} per run
     * @return what was written, what the reads list, and how long writing took
     */
    public HistoryLoad history(int instances) throws IOException {
        Dag dag = Dag.builder("bench_history").task("t", ctx -> { }).build();
        try (Engine bench = start(Files.createTempDirectory("orchestrator-bench"), List.of(dag))) {
            long begin = System.nanoTime();
            int runs = loadHistory(bench.engine(), dag.id(), instances);
            double seconds = (System.nanoTime() - begin) / 1e9;
            Reads reads = bench.engine().reads();
            long listedRuns = reads.runs(new DagRunQueries.RunFilter(List.of(dag.id()), List.of("success"), Range.any(),
                    Range.any(), Range.any()), null, new Page(1, 0)).totalEntries();
            long listedInstances = reads.taskInstances(new TaskInstanceQueries.TaskInstanceFilter(List.of(dag.id()), List.of(),
                    List.of(), List.of("success"), List.of(), Range.any(), Range.any(), Range.any(), Range.any()), null,
                    new Page(1, 0)).totalEntries();
            return new HistoryLoad(historyWritten(instances), runs, seconds, listedInstances, listedRuns);
        }
    }

    /**
     * A history as loaded.
     *
     * @param instances       finished task instances written
     * @param runs            finished runs written
     * @param seconds         time to write them
     * @param listedInstances successful instances of the DAG the reads count afterwards
     * @param listedRuns      successful runs of the DAG the reads count afterwards
     */
    public record HistoryLoad(int instances, int runs, double seconds, long listedInstances, long listedRuns) {
    }

    /** @return the instances a history of {@code instances} gets: whole runs of 200 (or one smaller run) */
    private static int historyWritten(int instances) {
        int perRun = Math.min(instances, HISTORY_TASKS_PER_RUN);
        return instances / perRun * perRun;
    }

    /**
     * @return runs written: {@code instances} finished task instances in whole runs of 200, a
     * transaction per 50 runs, then the tables vacuumed and analyzed as a database that grew slowly would be
     */
    private static int loadHistory(Orchestrator engine, String dagId, int instances) {
        SyntheticHistory history = new SyntheticHistory();
        int perRun = Math.min(instances, HISTORY_TASKS_PER_RUN);
        int runs = instances / perRun;
        Instant newest = Instant.now().minus(Duration.ofDays(1));
        for (int first = 0; first < runs; first += HISTORY_RUNS_PER_COMMIT) {
            int from = first;
            int count = Math.min(HISTORY_RUNS_PER_COMMIT, runs - first);
            engine.database().transactions().useTransaction(tx -> history.load(tx, dagId, from, count, perRun, newest));
        }
        engine.database().transactions().useHandle(history::settle);
        return runs;
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
