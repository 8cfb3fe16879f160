package org.orchestrator.server.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.orchestrator.api.Dag;

/** DAGs the dashboard tests drive. */
final class WebDags {

    /** Text that would run script or load an image if any page put it into HTML unescaped. */
    static final String XSS = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">";

    /** Opened by a test to let {@link #slow()}'s task finish. */
    static final CountDownLatch SLOW_GATE = new CountDownLatch(1);

    /** Opened by a test to let {@link #ticker()}'s task finish. */
    static final CountDownLatch TICKER_GATE = new CountDownLatch(1);

    /** Opened by a test to let {@link #gated()}'s middle task finish. */
    static final CountDownLatch GRAPH_GATE = new CountDownLatch(1);

    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private WebDags() {
    }

    /** {@code web_demo}: extract → (transform, validate) → load; tasks log the conf and params they see. */
    static Dag demo() {
        return Dag.builder("web_demo").description("Loads the demo data").owner("data-eng").tags("demo", "ui")
                .param("greeting", "hello").param("rows", 3)
                .task("extract", ctx -> ctx.log().info("extract sees conf {}", ctx.conf()))
                .task("transform", ctx -> ctx.log().info("transform greets {}", ctx.params().get("greeting")))
                .task("validate", ctx -> ctx.log().info("validate checks {} rows", ctx.params().get("rows")))
                .task("load", ctx -> ctx.log().info("load done"))
                .chain("extract", "transform", "load")
                .chain("extract", "validate", "load")
                .build();
    }

    /** {@code web_flaky}: {@code flaky} fails its first try in each run (no retries); {@code report} follows it. */
    static Dag flaky() {
        return Dag.builder("web_flaky").description("Fails once per run").owner("ops").tags("ops")
                .task("flaky", ctx -> {
                    int attempt = ATTEMPTS.computeIfAbsent(ctx.runId(), id -> new AtomicInteger()).incrementAndGet();
                    ctx.log().info("flaky attempt {}", attempt);
                    if (attempt == 1) {
                        throw new IllegalStateException("first try fails on purpose");
                    }
                    ctx.log().info("second time lucky");
                })
                .task("report", ctx -> ctx.log().info("report written"))
                .chain("flaky", "report")
                .build();
    }

    /** {@code web_xss}: its description, Markdown docs, a param default and its log carry {@link #XSS}. */
    static Dag xss() {
        return Dag.builder("web_xss").description("Danger " + XSS).owner("mallory").tags("security")
                .docMd("# Runbook\n\n**Bold doc** " + XSS + "\n\n[click](javascript:window.__xss=4)")
                .param("payload", XSS)
                .task("echo", ctx -> ctx.log().info("payload {}", XSS), t -> t.doc("Echoes `payload` " + XSS))
                .build();
    }

    /** {@code web_xss_failure}: {@code explode} fails with an exception whose message carries {@link #XSS}. */
    static Dag xssFailure() {
        return Dag.builder("web_xss_failure").description("Fails with markup in its error").owner("mallory").tags("security")
                .task("explode", ctx -> {
                    throw new IllegalStateException("refused " + XSS);
                })
                .build();
    }

    /** {@code web_gated}: {@code start} → {@code hold} (waits for {@link #GRAPH_GATE}) → {@code finish}. */
    static Dag gated() {
        return Dag.builder("web_gated").description("Holds its middle task until the test lets go").owner("ops")
                .task("start", ctx -> ctx.log().info("started"))
                .task("hold", ctx -> {
                    ctx.log().info("holding until the gate opens");
                    if (!GRAPH_GATE.await(120, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                })
                .task("finish", ctx -> ctx.log().info("finished"))
                .chain("start", "hold", "finish")
                .build();
    }

    /** {@code web_keys}: {@code first} → {@code second}, a small grid for the keyboard. */
    static Dag keys() {
        return Dag.builder("web_keys").description("Two quick tasks").owner("ops")
                .task("first", ctx -> ctx.log().info("first ran"))
                .task("second", ctx -> ctx.log().info("second ran in {}", ctx.runId()))
                .chain("first", "second")
                .build();
    }

    /** {@code web_slow}: {@code tail} logs a line, waits for {@link #SLOW_GATE}, then logs another. */
    static Dag slow() {
        return Dag.builder("web_slow").description("Waits for the test").owner("ops")
                .task("tail", ctx -> {
                    ctx.log().info("waiting for the gate");
                    if (!SLOW_GATE.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                    ctx.log().info("gate opened, finishing");
                })
                .build();
    }

    /** {@code web_ticker}: {@code tick} logs a numbered line every 200 ms until {@link #TICKER_GATE} opens, then finishes. */
    static Dag ticker() {
        return Dag.builder("web_ticker").description("Writes its log slowly").owner("ops")
                .task("tick", ctx -> {
                    for (int i = 1; !TICKER_GATE.await(200, TimeUnit.MILLISECONDS); i++) {
                        if (i > 600) {
                            throw new IllegalStateException("the test never opened the gate");
                        }
                        ctx.log().info("tick {}", i);
                    }
                    ctx.log().info("ticker done");
                })
                .build();
    }
}
