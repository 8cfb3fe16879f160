package org.orchestrator.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.orchestrator.server.bench.EngineBenchmarks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: prints the engine's benchmark figures (see BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the engine on embedded H2: no-op throughput, chain hop latency, startup to healthy.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--tasks", defaultValue = "10000", description = "Independent no-op tasks in the throughput run (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--chain", defaultValue = "1000", description = "Tasks in the latency chain (default ${DEFAULT-VALUE}).")
    int chain;

    @Option(names = "--parallelism", defaultValue = "256", description = "Tries at once (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--skip-startup", description = "Do not measure start-up time.")
    boolean skipStartup;

    @Option(names = "--db-url", description = "JDBC URL for the durable runs instead of the default H2 file; {home} is the run's temporary home.")
    String dbUrl;

    @Override
    public Integer call() throws Exception {
        EngineBenchmarks durable = new EngineBenchmarks(parallelism, dbUrl);
        System.out.printf("JVM %s, %d cores, parallelism %d%n", Runtime.version(), Runtime.getRuntime().availableProcessors(), parallelism);
        durable.throughput(Math.min(tasks, 500)); // warm-up: JIT and H2 code paths
        EngineBenchmarks.Throughput t = durable.throughput(tasks);
        System.out.printf("throughput (durable commits, WRITE_DELAY=0): %d no-op tasks in %.2f s = %.0f tasks/s"
                + " (creating and starting the run: %.2f s of it)%n", t.tasks(), t.seconds(), t.perSecond(), t.startSeconds());
        EngineBenchmarks.Throughput buffered = new EngineBenchmarks(parallelism,
                "jdbc:h2:async:{home}/db/orchestrator;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000").throughput(tasks);
        System.out.printf("throughput (H2 default, commits buffered up to 500 ms): %.0f tasks/s (durability costs %.0f%%)%n",
                buffered.perSecond(), 100.0 * (1 - t.perSecond() / buffered.perSecond()));
        EngineBenchmarks.Latency latency = durable.chain(chain);
        System.out.printf("chain of %d no-op tasks: hop p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                chain, latency.p50(), latency.p99(), latency.max());
        if (!skipStartup) {
            printStartup(durable);
        }
        return 0;
    }

    /** Start-up without and, when the build trained one beside the jar, with the class-data archive. */
    private static void printStartup(EngineBenchmarks bench) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path code = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
