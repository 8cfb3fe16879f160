package org.orchestrator.server.http.metrics;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Function;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.state.EngineCounts;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code GET /metrics} in Prometheus' text format (viewer role, like every read): JVM meters,
 * a timer per HTTP route ({@code http_server_requests_seconds{method,uri,status}}), and the
 * engine's meters — task instances and DAG runs by state (gauges), finished tries by outcome
 * (counters), queue depth, pool slots and their use, tries running on this node, DAG import
 * errors, and this node's scheduling delay (ready → running) and try durations per DAG (timers).
 *
 * <pre>{@code
 * Metrics metrics = Metrics.install(app, orchestrator);   // before the routes, for the timers
 * metrics.register(router);                               // the /metrics route
 * }</pre>
 */
public final class Metrics implements AutoCloseable {

    private static final String STARTED = "orchestrator.metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Held here: Micrometer keeps only weak references to what its gauges read. */
    private final EngineSnapshot snapshot;
    private final io.micrometer.core.instrument.composite.CompositeMeterRegistry tryMeters;

    private Metrics(EngineSnapshot snapshot, io.micrometer.core.instrument.composite.CompositeMeterRegistry tryMeters) {
        this.snapshot = snapshot;
        this.tryMeters = tryMeters;
    }

    /** @param app the server, before it starts @param orchestrator the engine @return the meters, timing every request */
    public static Metrics install(Javalin app, Orchestrator orchestrator) {
        Metrics metrics = new Metrics(new EngineSnapshot(orchestrator.reads()), orchestrator.executor().meters());
        metrics.tryMeters.add(metrics.registry);
        metrics.bindJvm();
        metrics.bindEngine(orchestrator);
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(metrics::time);
        return metrics;
    }

    /** Registers {@code GET /metrics}. */
    public void register(ApiRouter router) {
        router.add(Op.get("/metrics", "get_metrics", "JVM, HTTP and engine meters in Prometheus' text format")
                .role(Role.VIEWER).returns(Response.text("text/plain")), ctx -> {
                    bindPools();
                    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
                });
    }

    private void bindJvm() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private void bindEngine(Orchestrator orchestrator) {
        for (TaskState state : TaskState.values()) {
            String name = state.wireName();
            gauge("orchestrator.task.instances", "Task instances in each state", name,
                    s -> s.taskInstances().getOrDefault(name, 0L));
        }
        for (TaskState outcome : List.of(TaskState.SUCCESS, TaskState.FAILED, TaskState.UP_FOR_RETRY, TaskState.SKIPPED)) {
            String name = outcome.wireName();
            FunctionCounter.builder("orchestrator.task.tries.finished", snapshot,
                            s -> s.counts().finishedTries().getOrDefault(name, 0L))
                    .description("Tries that ended, by outcome").tag("state", name).register(registry);
        }
        for (DagRunState state : DagRunState.values()) {
            String name = state.wireName();
            gauge("orchestrator.dag.runs", "DAG runs in each state", name, s -> s.dagRuns().getOrDefault(name, 0L));
        }
        Gauge.builder("orchestrator.queue.depth", snapshot, s -> s.counts().queueDepth())
                .description("Task instances scheduled or queued, not yet running").register(registry);
        Gauge.builder("orchestrator.executor.tries.in.flight", orchestrator.executor(), e -> e.inFlight())
                .description("Tries running on this node").register(registry);
        Gauge.builder("orchestrator.dag.import.errors", orchestrator.dags(), d -> d.importErrors().size())
                .description("DAG bundles whose last load failed").register(registry);
    }

    /** Pools come and go at run time: a gauge pair for each pool the last read saw. */
    private void bindPools() {
        for (String pool : snapshot.counts().poolSlots().keySet()) {
            Gauge.builder("orchestrator.pool.slots", snapshot, s -> s.counts().poolSlots().getOrDefault(pool, 0L))
                    .description("Slots of each pool").tag("pool", pool).register(registry);
            Gauge.builder("orchestrator.pool.slots.used", snapshot, s -> s.counts().poolSlotsUsed().getOrDefault(pool, 0L))
                    .description("Slots in use (queued or running instances) of each pool").tag("pool", pool).register(registry);
        }
    }

    private void gauge(String meter, String description, String state, Function<EngineCounts, Long> value) {
        Gauge.builder(meter, snapshot, s -> value.apply(s.counts())).description(description).tag("state", state)
                .register(registry);
    }

    private void time(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        Timer.builder("http.server.requests").description("HTTP requests by route and status")
                .tags("method", ctx.method().name(), "uri", route(ctx), "status", String.valueOf(ctx.statusCode()))
                .register(registry).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** The route's template, not the path: one series per route, however many ids are asked for. */
    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path.isEmpty() ? "UNMATCHED" : path;
        } catch (RuntimeException e) {
            // No endpoint matched (a 404 or 405): one series for all of them, so random paths cannot grow the registry.
            return "UNMATCHED";
        }
    }

    /** Stops listening for garbage collections. */
    @Override
    public void close() {
        tryMeters.remove(registry);
        gc.close();
        registry.close();
    }
}
