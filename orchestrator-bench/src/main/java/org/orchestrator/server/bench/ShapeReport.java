package org.orchestrator.server.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The shapes users run (issue 18), each measured {@code runs} times and printed as its median and
 * every run, with the limits it ran under: a chain's hop latency, a layered DAG as one run and as
 * many runs at once, and one very wide run's trigger and completion times.
 */
final class ShapeReport {

    private final PrintStream out;
    private final int runs;

    ShapeReport(PrintStream out, int runs) {
        this.out = out;
        this.runs = Math.max(1, runs);
    }

    /** Prints the hop latency along a chain of {@code length} no-op tasks. */
    void chain(EngineBenchmarks bench, int length) throws IOException {
        List<EngineBenchmarks.Latency> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(bench.chain(length));
        }
        Series p50 = Series.of(all, EngineBenchmarks.Latency::p50);
        Series p99 = Series.of(all, EngineBenchmarks.Latency::p99);
        out.printf("chain of %d no-op tasks (%s): hop p50 %.2f ms, p99 %.2f ms; %d runs, p50 %s ms, p99 %s ms%n", length,
                bench.settings(), p50.median(), p99.median(), runs, p50.every("%.2f"), p99.every("%.2f"));
    }

    /** Prints how long one run of the layered DAG takes, then the throughput of {@code concurrent} runs at once. */
    void layered(EngineBenchmarks bench, int layers, int width, List<Integer> concurrent) throws IOException {
        Series one = Series.of(repeat(() -> bench.layered(layers, width, 1)), r -> r.seconds() * 1000);
        out.printf("layered %d x %d, one run (%s): trigger -> success %.0f ms, median of %d runs %s ms%n",
                layers, width, bench.settings(), one.median(), runs, one.every("%.0f"));
        for (int count : concurrent) {
            List<EngineBenchmarks.Throughput> all = repeat(() -> bench.layered(layers, width, count));
            Series perSecond = Series.of(all, EngineBenchmarks.Throughput::perSecond);
            out.printf("layered %d x %d, %d runs at once (%d tasks, %s): %.0f tasks/s, median of %d runs %s%n", layers, width,
                    count, all.get(0).tasks(), bench.settings(), perSecond.median(), runs, perSecond.every("%.0f"));
        }
    }

    /** Prints the trigger call's time and the whole run's for one run of {@code tasks} independent tasks. */
    void wide(EngineBenchmarks bench, int tasks) throws IOException {
        List<EngineBenchmarks.Throughput> all = repeat(() -> bench.throughput(tasks));
        Series trigger = Series.of(all, EngineBenchmarks.Throughput::startSeconds);
        Series total = Series.of(all, EngineBenchmarks.Throughput::seconds);
        out.printf("wide: one run of %d no-op tasks (%s): trigger call %.2f s, trigger -> success %.2f s; %d runs, "
                        + "trigger %s s, trigger -> success %s s%n", tasks, bench.settings(), trigger.median(), total.median(),
                runs, trigger.every("%.2f"), total.every("%.2f"));
    }

    /** Prints each REST list endpoint's latency at {@code rate} requests per second, and the rate achieved. */
    void rest(EngineBenchmarks bench, int rate, int seconds) throws IOException {
        try {
            RestBenchmarks rest = bench.rest();
            RestBenchmarks.Result result = rest.measure(rate, seconds);
            rest.alone.forEach((request, alone) -> out.printf("rest:   alone, after a warm-up (30 in a row): median %6.1f ms, "
                    + "CPU %6.2f ms per request  %s%n", alone.wallMillis(), alone.cpuMillis(), request));
            out.printf("rest: list endpoints at %d requests/s open loop for %d s (%s): achieved %.1f requests/s, "
                    + "%.2f ms of CPU per request (this JVM: server, engine and client)%n", rate, seconds, bench.settings(),
                    result.achieved(), result.cpuMillis());
            result.endpoints().forEach(e -> out.println("rest:   " + e));
            out.println("rest:   " + result.overall());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Prints the database's bytes per finished task instance after {@code runs} real runs of a
     * {@code width}-task no-op DAG: with the engine open, closed, and closed again after a restart.
     */
    void storage(StorageBenchmarks bench, int runs, int width, String settings) throws IOException {
        List<StorageBenchmarks.Storage> all = new ArrayList<>();
        for (int i = 0; i < this.runs; i++) {
            all.add(bench.measure(runs, width));
        }
        Series open = Series.of(all, s -> s.perInstance(s.open()));
        Series closed = Series.of(all, s -> s.perInstance(s.closed()));
        Series restarted = Series.of(all, s -> s.perInstance(s.restarted()));
        StorageBenchmarks.Storage last = all.get(all.size() - 1);
        Series closing = Series.of(all, StorageBenchmarks.Storage::closeSeconds);
        out.printf("storage: %d runs of %d no-op tasks (%d finished task instances, %s): bytes per task instance %.0f open, "
                        + "%.0f closed, %.0f after a restart (%s MB), closing took %.2f s; %d runs, open %s, closed %s, restarted %s,"
                        + " closing %s s%n", runs, width, last.instances(), settings, open.median(), closed.median(),
                restarted.median(), String.format("%.1f", last.restarted() / 1e6), closing.median(), this.runs,
                open.every("%.0f"), closed.every("%.0f"), restarted.every("%.0f"), closing.every("%.2f"));
        if (last.vacuumed() != last.restarted()) {
            Series vacuumed = Series.of(all, s -> s.perInstance(s.vacuumed()));
            out.printf("storage after VACUUM FULL (the live rows, which autovacuum's reuse of dead space keeps a steady "
                    + "deployment near): %.0f bytes per task instance; %d runs %s%n", vacuumed.median(), this.runs, vacuumed.every("%.0f"));
        }
        out.println("storage by table (last run, engine open; rows, bytes, of which indexes, bytes per task instance):");
        last.tables().stream().filter(t -> t.totalBytes() > 0).limit(8).forEach(t -> out.printf("  %-22s %9d rows %12d B %12d B idx %7.0f B/ti%n",
                t.table(), t.rows(), t.totalBytes(), t.indexBytes(), (double) t.totalBytes() / last.instances()));
        last.indexes().stream().limit(10).forEach(i -> out.printf("  index %-32s on %-16s %12d B %7.0f B/ti%n",
                i.index(), i.table(), i.bytes(), (double) i.bytes() / last.instances()));
    }

    /** Prints what a history load wrote, how long it took, and what the API's reads count afterwards. */
    void history(EngineBenchmarks bench, int instances) throws IOException {
        EngineBenchmarks.HistoryLoad load = bench.history(instances);
        out.printf("history: %d finished task instances in %d runs loaded in %.2f s (%.0f instances/s); the reads list %d "
                        + "successful instances in %d runs; each shape's database gets the same before its DAG runs%n",
                load.instances(), load.runs(), load.seconds(), load.instances() / load.seconds(), load.listedInstances(),
                load.listedRuns());
    }

    private List<EngineBenchmarks.Throughput> repeat(Measurement measurement) throws IOException {
        List<EngineBenchmarks.Throughput> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(measurement.run());
        }
        return all;
    }

    @FunctionalInterface
    private interface Measurement {
        EngineBenchmarks.Throughput run() throws IOException;
    }

    /** One figure of every run, in the order they ran; the median is of the sorted values. */
    private record Series(List<Double> values) {
        static <T> Series of(List<T> runs, ToDoubleFunction<T> figure) {
            return new Series(runs.stream().map(figure::applyAsDouble).toList());
        }

        double median() {
            return values.stream().sorted().toList().get(values.size() / 2);
        }

        String every(String format) {
            return values.stream().map(v -> String.format(format, v)).toList().toString();
        }
    }
}
