package org.orchestrator.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.orchestrator.api.Asset;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.ops.Actor;

/**
 * Data-aware scheduling's latency: an asset event recorded (as {@code POST /assets/events} does,
 * through the operation) to the first task of the consumer's asset-triggered run starting on
 * its thread, one event at a time so each is its own run.
 */
final class AssetBenchmarks {

    private static final Asset ASSET = Asset.of("bench://warehouse/orders");

    private final Function<Path, EngineBenchmarks.Engine> engines;

    AssetBenchmarks(Function<Path, EngineBenchmarks.Engine> engines) {
        this.engines = engines;
    }

    /** @param events events timed, after a tenth as many to warm up @return event-to-consumer-start, in ms */
    EngineBenchmarks.Latency eventToConsumerStart(int events) throws IOException, InterruptedException {
        SynchronousQueue<Long> started = new SynchronousQueue<>();
        Dag consumer = Dag.builder("bench_consumer").schedule(Schedule.onAssets(ASSET)).maxActiveRuns(1_000_000)
                .task("first", ctx -> started.put(System.nanoTime())).build();
        try (EngineBenchmarks.Engine bench = engines.apply(Files.createTempDirectory("orchestrator-bench-assets"))) {
            Orchestrator engine = bench.engine();
            engine.pin(List.of(consumer));
            int warmUp = Math.max(1, events / 10);
            double[] millis = new double[events];
            for (int i = -warmUp; i < events; i++) {
                long sent = System.nanoTime();
                engine.ops().assets().recordEvent(Actor.cli(), ASSET.uri(), Map.of("i", i));
                Long begun = started.poll(30, TimeUnit.SECONDS);
                if (begun == null) {
                    throw new IllegalStateException("no consumer run started within 30 s of event " + i);
                }
                if (i >= 0) {
                    millis[i] = (begun - sent) / 1e6;
                }
            }
            Arrays.sort(millis);
            return new EngineBenchmarks.Latency(events, EngineBenchmarks.percentile(millis, 50),
                    EngineBenchmarks.percentile(millis, 99), millis[events - 1]);
        }
    }
}
