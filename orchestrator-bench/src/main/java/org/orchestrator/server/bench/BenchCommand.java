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
        description = "Benchmark the engine on embedded H2 (or --db-url): no-op throughput, chain hop latency, startup to healthy.")
public final class BenchCommand implements Callable<Integer>, PluginCommand {

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
        EngineBenchmarks durable = new EngineBenchmarks(parallelism, dbUrl, user, password);
        System.out.printf("JVM %s, %d cores, parallelism %d, database %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), parallelism, durable.onPostgres() ? "PostgreSQL" : "H2");
        // The first runs pay for the JIT compiling the engine's code paths; a server runs for days,
        // so the figures are medians of the runs after them, in the same JVM (each run gets a
        // fresh database).
        List<String> first = new java.util.ArrayList<>();
        for (int i = 0; i < warmUp; i++) {
            first.add(String.format("%.0f", durable.throughput(tasks).perSecond()));
        }
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
        EngineBenchmarks.Latency latency = durable.chain(chain);
        System.out.printf("chain of %d no-op tasks: hop p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                chain, latency.p50(), latency.p99(), latency.max());
        if (templateRenders > 0) {
            TemplateBenchmarks.Micros micros = TemplateBenchmarks.render(templateRenders);
            System.out.printf("render one templated SQL field (%d renders): p50 %.1f µs, p99 %.1f µs%n",
                    templateRenders, micros.p50(), micros.p99());
        }
        if (isolationTries > 0) {
            printIsolation(durable.isolation(), isolationTries);
        }
        if (!skipStartup) {
            printStartup(durable);
        }
        return 0;
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
            return new EngineBenchmarks(parallelism, dbUrl + (dbUrl.contains("?") ? "&" : "?") + options, user, password);
        }
        return new EngineBenchmarks(parallelism, ServerConfig.h2Url("{home}/db/orchestrator", false));
    }

    /** A try's start to its committed outcome, on a thread and in a child JVM, and a waiting child's memory. */
    private static void printIsolation(IsolationBenchmarks bench, int tries) throws Exception {
        for (String kind : IsolationBenchmarks.KINDS) {
            System.out.printf("no-op try, start to outcome committed, isolation %s: %s%n", kind,
                    IsolationBenchmarks.describe(bench.tryToCommit(tries, kind)));
        }
        System.out.printf("memory of a child JVM whose task waits (VmRSS): %d MiB%n", bench.waitingChildMiB());
    }

    /** Start-up (on H2) without and, when the build trained one beside the jar, with the class-data archive. */
    private static void printStartup(EngineBenchmarks bench) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The server's own jar (and its class-data archive), not this one: start-up is the production jar's.
        Path code = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!code.toString().endsWith(".jar")) {
            List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
            System.out.printf("process start to /health ready: %d ms%n", bench.startupMillis(command));
            return;
        }
        System.out.printf("process start to /health ready: %d ms (no class-data archive, best of 3)%n",
                bestOf3(bench, List.of(java, "-jar", code.toString())));
        Path archive = code.resolveSibling("orchestrator.jsa");
        if (Files.isRegularFile(archive)) {
            System.out.printf("process start to /health ready: %d ms (with %s, best of 3)%n",
                    bestOf3(bench, List.of(java, "-XX:SharedArchiveFile=" + archive, "-jar", code.toString())), archive.getFileName());
        }
    }

    private static long bestOf3(EngineBenchmarks bench, List<String> command) throws Exception {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, bench.startupMillis(command));
        }
        return best;
    }
}
