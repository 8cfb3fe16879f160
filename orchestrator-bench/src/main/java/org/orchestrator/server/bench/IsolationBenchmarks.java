package org.orchestrator.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.orchestrator.api.Isolation;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.state.DagRunRow;

/**
 * What {@link Isolation#PROCESS} costs: a chain of no-op tries run one after another with each
 * isolation (and with warm child JVMs reused), each try timed from its start to its outcome's commit (the try's start and end
 * dates); and the memory a child JVM holds while its task waits. The DAGs come from a source
 * bundle in the dags folder, as an author's would, so a child loads them as it would in production.
 */
final class IsolationBenchmarks {

    private final Function<Path, EngineBenchmarks.Engine> engines;

    IsolationBenchmarks(Function<Path, EngineBenchmarks.Engine> engines) {
        this.engines = engines;
    }

    /** How tries run, as the bench names them: on a thread, in a fresh child JVM each, in a reused child JVM. */
    static final List<String> KINDS = List.of("thread", "process", "process reused");

    /** @param tries no-op tries in the chain @param kind one of {@link #KINDS} @return start-to-commit per try, in ms */
    EngineBenchmarks.Latency tryToCommit(int tries, String kind) throws IOException {
        String dagId = "bench_" + kind.replace(' ', '_');
        try (EngineBenchmarks.Engine bench = engines.apply(bundle(tries))) {
            Orchestrator engine = bench.engine();
            DagRunRow run = engine.runs().trigger(awaitLoaded(engine, dagId), null, null, Map.of(), null);
            EngineBenchmarks.awaitSuccess(engine, run);
            double[] millis = engine.reads().tries(dagId, run.runId()).orElseThrow().stream()
                    .mapToDouble(t -> Duration.between(t.startDate(), t.endDate()).toNanos() / 1e6).sorted().toArray();
            return new EngineBenchmarks.Latency(millis.length, EngineBenchmarks.percentile(millis, 50),
                    EngineBenchmarks.percentile(millis, 99), millis[millis.length - 1]);
        }
    }

    /** @return the resident memory (VmRSS) of a child JVM whose task sleeps, in MiB */
    long waitingChildMiB() throws IOException {
        try (EngineBenchmarks.Engine bench = engines.apply(bundle(1))) {
            Orchestrator engine = bench.engine();
            engine.runs().trigger(awaitLoaded(engine, "bench_waiting_child"), null, null, Map.of(), null);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                // The bench starts no other JVM; a long class path can leave the arguments unreadable.
                List<ProcessHandle> children = ProcessHandle.current().children()
                        .filter(p -> p.info().command().orElse("").endsWith("/java")).toList();
                if (!children.isEmpty()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(2).toNanos()); // let it settle
                    return rssKiB(children.getFirst().pid()) / 1024;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
            throw new IllegalStateException("no child JVM started within a minute");
        }
    }

    private static long rssKiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(-1L);
    }

    private static org.orchestrator.server.dagbag.LoadedDag awaitLoaded(Orchestrator engine, String dagId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var loaded = engine.dags().get(dagId);
            if (loaded.isPresent()) {
                return loaded.get();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
        throw new IllegalStateException(dagId + " was not loaded from the dags folder within a minute");
    }

    /** @return a fresh home whose dags folder holds the benchmark's source bundle */
    private static Path bundle(int tries) {
        try {
            Path home = Files.createTempDirectory("orchestrator-bench-isolation");
            Files.createDirectories(home.resolve("dags"));
            Files.writeString(home.resolve("dags").resolve("bench_isolation.java"), SOURCE.formatted(tries));
            return home;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final String SOURCE = """
            package benchisolation;

            import java.util.*;
            import org.orchestrator.api.*;

            public final class Dags implements DagProvider {
                public Collection<Dag> dags() {
                    List<Dag> dags = new ArrayList<>();
                    for (String kind : List.of("thread", "process", "process_reused")) {
                        Dag.Builder chain = Dag.builder("bench_" + kind).maxActiveTasks(1).defaults(d -> d
                                .isolation(kind.equals("thread") ? Isolation.THREAD : Isolation.PROCESS)
                                .reuse(kind.endsWith("reused")));
                        String[] ids = new String[%d];
                        for (int i = 0; i < ids.length; i++) {
                            ids[i] = "t" + i;
                            chain.task(ids[i], ctx -> { });
                        }
                        dags.add(chain.chain(ids).build());
                    }
                    dags.add(Dag.builder("bench_waiting_child")
                            .task("wait", ctx -> Thread.sleep(30_000), t -> t.isolation(Isolation.PROCESS)).build());
                    return dags;
                }
            }
            """;

    static String describe(EngineBenchmarks.Latency l) {
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d tries", l.p50(), l.p99(), l.max(), l.hops());
    }
}
