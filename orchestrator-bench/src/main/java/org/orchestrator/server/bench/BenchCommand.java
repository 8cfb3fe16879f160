package org.orchestrator.server.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.orchestrator.server.cli.Main;
import org.orchestrator.server.cli.PluginCommand;
import org.orchestrator.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: prints the engine's benchmark figures (see BENCHMARKS.md). Not in the production
 * jar: the server's CLI finds it with ServiceLoader when orchestrator-bench's jar is on the class path.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the engine on embedded H2 (or --db-url): no-op throughput, chain hop latency, a layered DAG, "
                + "one very wide run, template rendering, asset event to consumer start, startup to healthy.")
public final class BenchCommand implements Callable<Integer>, PluginCommand {

    /** The DAG shapes measured (issue 18); every one but {@code independent} runs with the engine's default limits, {@code wide} with them opened. */
    enum Shape { INDEPENDENT, CHAIN, LAYERED, WIDE, STORAGE, REST }

    /** Shape names as typed, in any case; picocli reports an unknown one as an invalid value. */
    static final class ShapeName implements picocli.CommandLine.ITypeConverter<Shape> {
        @Override
        public Shape convert(String value) {
            return Shape.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Option(names = "--shapes", split = ",", converter = ShapeName.class, defaultValue = "independent,chain,layered,wide", description = "Shapes to measure, "
            + "of independent (--tasks, limits wide and with defaults), chain (--chain, defaults), layered (--layers x --layer-width, "
            + "defaults), wide (--wide, limits wide), storage (--storage-runs runs of 200 tasks, then bytes on disk per task "
            + "instance, also after a restart), rest (the REST list endpoints at --rest-rate) (default ${DEFAULT-VALUE}).")
    List<Shape> shapes;

    @Option(names = "--storage-runs", defaultValue = "500", description = "Runs of a 200-task no-op DAG the storage shape "
            + "weighs the database after (default ${DEFAULT-VALUE}).")
    int storageRuns;

    @Option(names = "--layers", defaultValue = "10", description = "Layers of the layered DAG (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--layer-width", defaultValue = "20", description = "No-op tasks per layer, each depending on the whole "
            + "previous layer (default ${DEFAULT-VALUE}).")
    int layerWidth;

    @Option(names = "--concurrent-runs", split = ",", defaultValue = "25,100", description = "Runs of the layered DAG triggered "
            + "at once, one measurement per count (default ${DEFAULT-VALUE}).")
    List<Integer> concurrentRuns;

    @Option(names = "--wide", defaultValue = "20000", description = "Tasks in the one wide run (default ${DEFAULT-VALUE}).")
    int wideTasks;

    @Option(names = "--history", defaultValue = "0", description = "Finished task instances (in runs of 200) loaded into each "
            + "shape's database before its DAG runs (default ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--rest-rate", defaultValue = "200", description = "Requests per second, open loop, spread over the REST "
            + "list endpoints by the rest shape (default ${DEFAULT-VALUE}).")
    int restRate;

    @Option(names = "--rest-seconds", defaultValue = "20", description = "How long the rest shape sends them, after a "
            + "quarter of that as warm-up (default ${DEFAULT-VALUE}).")
    int restSeconds;

    @Option(names = "--tasks", defaultValue = "10000", description = "Independent no-op tasks in the throughput run (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--chain", defaultValue = "1000", description = "Tasks in the latency chain (default ${DEFAULT-VALUE}).")
    int chain;

    @Option(names = "--parallelism", defaultValue = "256", description = "Tries at once (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--warm-up", defaultValue = "3", description = "Throughput runs first, to let the JIT compile the engine (default ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--runs", defaultValue = "5", description = "Throughput runs measured after those; the median is the figure (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--isolation-tries", defaultValue = "200", description = "No-op tries per isolation in the isolation "
            + "benchmark, 0 to skip it (default ${DEFAULT-VALUE}).")
    int isolationTries;

    @Option(names = "--template-renders", defaultValue = "20000", description = "Renders of one templated SQL field timed, "
            + "0 to skip (default ${DEFAULT-VALUE}).")
    int templateRenders;

    @Option(names = "--asset-events", defaultValue = "200", description = "Asset events timed to the start of the run "
            + "they trigger, 0 to skip (default ${DEFAULT-VALUE}).")
    int assetEvents;

    @Option(names = "--skip-startup", description = "Do not measure start-up time.")
    boolean skipStartup;

    @Option(names = "--db-url", description = "JDBC URL for the durable runs instead of the default H2 file; {home} is the run's "
            + "temporary home. On PostgreSQL each engine gets a schema orchestrator_bench_* that is dropped afterwards; "
            + "the user and password come from $ORCHESTRATOR_DB_USER and $ORCHESTRATOR_DB_PASSWORD.")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        String user = System.getenv("ORCHESTRATOR_DB_USER");
        String password = System.getenv("ORCHESTRATOR_DB_PASSWORD");
        EngineBenchmarks empty = new EngineBenchmarks(parallelism, dbUrl, user, password);
        EngineBenchmarks durable = empty.withHistory(history);
        System.out.printf("JVM %s, %d cores, parallelism %d, database %s, shapes %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), parallelism, durable.onPostgres() ? "PostgreSQL" : "H2", shapes);
        ShapeReport report = new ShapeReport(System.out, runs);
        if (history > 0) {
            report.history(empty, history);
        }
        // The first runs pay for the JIT compiling the engine's code paths; a server runs for days,
        // so the figures are medians of the runs after them, in the same JVM (each run gets a
        // fresh database; the warm-up runs get no history, it would only make them longer).
        List<String> first = new java.util.ArrayList<>();
        for (int i = 0; i < warmUp; i++) {
            first.add(String.format("%.0f", empty.throughput(tasks).perSecond()));
        }
        if (shapes.contains(Shape.INDEPENDENT)) {
            printIndependent(durable, user, password, first);
        }
        if (shapes.contains(Shape.CHAIN)) {
            report.chain(durable.withDefaults(), chain);
        }
        if (shapes.contains(Shape.LAYERED)) {
            report.layered(durable.withDefaults(), layers, layerWidth, concurrentRuns);
        }
        if (shapes.contains(Shape.WIDE)) {
            report.wide(durable, wideTasks);
        }
        if (shapes.contains(Shape.STORAGE)) {
            report.storage(durable.storage(), storageRuns, EngineBenchmarks.HISTORY_TASKS_PER_RUN, durable.settings());
        }
        if (shapes.contains(Shape.REST)) {
            report.rest(durable, restRate, restSeconds);
        }
        printOthers(durable);
        return 0;
    }

    /** Today's wide-open throughput (durable, mapped, buffered commits) and the same tasks with the engine's defaults. */
    private void printIndependent(EngineBenchmarks durable, String user, String password, List<String> first) throws java.io.IOException {
        Median t = median(durable);
        System.out.printf("throughput (durable commits): %d no-op tasks in %.2f s = %.0f tasks/s (creating and starting the run:"
                        + " %.2f s of it); median of %s after %d warm-up runs %s%n", t.median().tasks(), t.median().seconds(),
                t.median().perSecond(), t.median().startSeconds(), t, warmUp, first);
        if (durable.onPostgres()) {
            System.out.printf("commits per task (pg_stat_database.xact_commit over the engine's life, start-up included): %.2f%n",
                    t.median().commitsPerTask());
        }
        printMapped(durable, t);
        Median buffered = median(buffered(user, password));
        System.out.printf("throughput (%s): %.0f tasks/s, median of %s (durability costs %.0f%%)%n",
                durable.onPostgres() ? "PostgreSQL, synchronous_commit=off" : "H2 default, commits buffered up to 500 ms",
                buffered.median().perSecond(), buffered, 100.0 * (1 - t.median().perSecond() / buffered.median().perSecond()));
        EngineBenchmarks defaults = durable.withDefaults();
        Median limited = median(defaults);
        System.out.printf("throughput (%s): %d no-op tasks, %.0f tasks/s, median of %s%n", defaults.settings(),
                limited.median().tasks(), limited.median().perSecond(), limited);
    }

    /** The benchmarks that are not DAG shapes: template rendering, asset events, isolation, start-up. */
    private void printOthers(EngineBenchmarks durable) throws Exception {
        if (templateRenders > 0) {
            TemplateBenchmarks.Micros micros = TemplateBenchmarks.render(templateRenders);
            System.out.printf("render one templated SQL field (%d renders): p50 %.1f µs, p99 %.1f µs%n",
                    templateRenders, micros.p50(), micros.p99());
        }
        if (assetEvents > 0) {
            EngineBenchmarks.Latency assets = durable.assets().eventToConsumerStart(assetEvents);
            System.out.printf("asset event -> consumer run's first task started (%d events, one run each): p50 %.2f ms, "
                    + "p99 %.2f ms, max %.2f ms%n", assets.hops(), assets.p50(), assets.p99(), assets.max());
        }
        if (isolationTries > 0) {
            printIsolation(durable.isolation(), isolationTries);
        }
        if (!skipStartup) {
            printStartup(durable);
        }
    }

    /** The same width as one mapped task: how far expanding at run time is from tasks known in advance. */
    private void printMapped(EngineBenchmarks durable, Median independent) throws java.io.IOException {
        List<EngineBenchmarks.Throughput> all = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(1, runs); i++) {
            all.add(durable.mappedThroughput(tasks));
        }
        all.sort(java.util.Comparator.comparingDouble(EngineBenchmarks.Throughput::perSecond));
        Median mapped = new Median(all);
        System.out.printf("throughput (one task mapped %d ways): %.0f tasks/s, median of %s = %.0f%% of the independent tasks' %.0f%n",
                tasks, mapped.median().perSecond(), mapped,
                100.0 * mapped.median().perSecond() / independent.median().perSecond(), independent.median().perSecond());
    }

    /** Throughput runs, slowest first; {@link #toString()} lists their tasks/s. */
    private record Median(List<EngineBenchmarks.Throughput> sorted) {
        EngineBenchmarks.Throughput median() {
            return sorted.get(sorted.size() / 2);
        }

        @Override
        public String toString() {
            return sorted.size() + " runs " + sorted.stream().map(r -> String.format("%.0f", r.perSecond())).toList();
        }
    }

    private Median median(EngineBenchmarks bench) throws java.io.IOException {
        List<EngineBenchmarks.Throughput> all = new java.util.ArrayList<>();
        for (int i = 0; i < Math.max(1, runs); i++) {
            all.add(bench.throughput(tasks));
        }
        all.sort(java.util.Comparator.comparingDouble(EngineBenchmarks.Throughput::perSecond));
        return new Median(all);
    }

    /** The same engine with commits acknowledged before they are on disk. */
    private EngineBenchmarks buffered(String user, String password) {
        if (dbUrl != null && dbUrl.startsWith("jdbc:postgresql:")) {
            String options = "options=-c%20synchronous_commit%3Doff";
            return new EngineBenchmarks(parallelism, dbUrl + (dbUrl.contains("?") ? "&" : "?") + options, user, password)
                    .withHistory(history);
        }
        return new EngineBenchmarks(parallelism, ServerConfig.h2Url("{home}/db/orchestrator", false)).withHistory(history);
    }

    /** A try's start to its committed outcome, on a thread and in a child JVM, and a waiting child's memory. */
    private static void printIsolation(IsolationBenchmarks bench, int tries) throws Exception {
        for (String kind : IsolationBenchmarks.KINDS) {
            System.out.printf("no-op try, start to outcome committed, isolation %s: %s%n", kind,
                    IsolationBenchmarks.describe(bench.tryToCommit(tries, kind)));
        }
        System.out.printf("memory of a child JVM whose task waits (VmRSS): %d MiB%n", bench.waitingChildMiB());
    }

    /** Starts timed per variant; the figure is their median. */
    private static final int STARTS = 5;

    /**
     * Start-up (on H2) without and, when the build trained them beside the jar, with the class-data
     * archive and (JDK 25+) the AOT cache; then the quick start ({@code standalone}: example DAGs,
     * admin user) on a new home with the archive {@code bin/orchestrator} would pick.
     */
    private static void printStartup(EngineBenchmarks bench) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The server's own jar (and its class-data archive), not this one: start-up is the production jar's.
        Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!code.toString().endsWith(".jar")) {
            List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
            System.out.printf("process start to /health ready: %d ms%n", bench.startupMillis(command));
            return;
        }
        List<String> best = List.of(java, "-jar", code.toString());
        System.out.printf("process start to /health ready: %s (no class-data archive)%n", startups(bench, best, "server"));
        Path archive = code.resolveSibling("orchestrator.jsa");
        if (Files.isRegularFile(archive)) {
            best = List.of(java, "-XX:SharedArchiveFile=" + archive, "-jar", code.toString());
            System.out.printf("process start to /health ready: %s (with %s)%n",
                    startups(bench, best, "server"), archive.getFileName());
        }
        Path cache = code.resolveSibling("orchestrator.aot");
        if (Files.isRegularFile(cache) && Runtime.version().feature() >= 25) {
            best = List.of(java, "-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off", "-jar", code.toString());
            System.out.printf("process start to /health ready: %s (with %s)%n",
                    startups(bench, best, "server"), cache.getFileName());
        }
        System.out.printf("quick start (standalone: example DAGs, admin user, new home) to /health ready: %s (%s)%n",
                startups(bench, best, "standalone"), best.size() > 3 ? "the best archive above" : "no archive");
        System.out.printf("quick start again (standalone on the home a first start made) to /health ready: %s%n",
                restarts(bench, best));
    }

    /** @return the median of five restarts of {@code standalone} on one home, after a first start that made it */
    private static String restarts(EngineBenchmarks bench, List<String> command) throws Exception {
        Path home = Files.createTempDirectory("orchestrator-bench-restart");
        bench.startupMillis(command, "standalone", home);
        long[] millis = new long[STARTS];
        for (int i = 0; i < STARTS; i++) {
            millis[i] = bench.startupMillis(command, "standalone", home);
        }
        EngineBenchmarks.Engine.deleteTree(home);
        return median(millis);
    }

    private static String median(long[] millis) {
        long[] sorted = millis.clone();
        java.util.Arrays.sort(sorted);
        return String.format("median %d ms of %d starts %s", sorted[millis.length / 2], millis.length, java.util.Arrays.toString(millis));
    }

    /** @return the median of five starts on new homes, and every start in the order made */
    private static String startups(EngineBenchmarks bench, List<String> command, String serverCommand) throws Exception {
        long[] millis = new long[STARTS];
        for (int i = 0; i < STARTS; i++) {
            millis[i] = bench.startupMillis(command, serverCommand);
        }
        return median(millis);
    }
}
