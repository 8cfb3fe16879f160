package org.orchestrator.server.http;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.orchestrator.api.Dag;

/** DAGs the API tests run. */
final class TestDags {

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private TestDags() {
    }

    /** {@code greeter}: one task that logs and pushes the {@code greeting} it sees in params and conf. */
    static Dag greeter() {
        return Dag.builder("greeter").description("Says hello").owner("data-eng").tags("demo", "api")
                .param("greeting", "hello")
                .task("echo", ctx -> {
                    Object greeting = ctx.params().get("greeting");
                    ctx.log().info("greeting is {}", greeting);
                    ctx.xcomPush("greeting", greeting);
                    ctx.xcomPush("conf", ctx.conf());
                })
                .build();
    }

    /** {@code gated}: {@code wait} blocks until {@link #open(String)} for its run; {@code after} follows it. */
    static Dag gated() {
        return Dag.builder("gated")
                .task("wait", ctx -> {
                    ctx.log().info("waiting for the gate of {}", ctx.runId());
                    if (!gate(ctx.runId()).await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate of " + ctx.runId() + " never opened");
                    }
                    ctx.log().info("gate opened");
                })
                .task("after", ctx -> ctx.log().info("after the gate"))
                .chain("wait", "after")
                .build();
    }

    /** {@code fail_once}: {@code flaky} fails its first try in each run (no retries); {@code after} follows it. */
    static Dag failOnce() {
        return Dag.builder("fail_once")
                .task("flaky", ctx -> {
                    // By run id and logical date: test classes share this JVM, and several name their runs m1, m2…
                    String run = ctx.runId() + "@" + ctx.logicalDate();
                    if (ATTEMPTS.computeIfAbsent(run, id -> new AtomicInteger()).incrementAndGet() == 1) {
                        throw new IllegalStateException("first try of " + ctx.runId() + " fails on purpose");
                    }
                    ctx.log().info("second time lucky");
                })
                .task("after", ctx -> ctx.log().info("after flaky"))
                .chain("flaky", "after")
                .build();
    }

    /** {@code nightly}: a scheduled DAG (02:00 UTC daily, paused by the tests before it matters). */
    static Dag nightly() {
        return Dag.builder("nightly").description("Nightly load").owner("ops").tags("etl")
                .schedule("0 2 * * *").startDate(LocalDate.of(2030, 1, 1)).catchup(false)
                .defaults(d -> d.retries(2).retryDelay(Duration.ofMinutes(5)))
                .task("extract", ctx -> { })
                .task("load", ctx -> { }, t -> t.pool("db_pool"))
                .chain("extract", "load")
                .build();
    }

    /** Opens the gate of a run of {@code gated}. */
    static void open(String runId) {
        gate(runId).countDown();
    }

    private static CountDownLatch gate(String runId) {
        return GATES.computeIfAbsent(runId, id -> new CountDownLatch(1));
    }
}
