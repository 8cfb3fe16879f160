package org.orchestrator.server.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.template.Templates;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/** What rendering one templated field costs: the orders pipeline's SQL, with dates, a macro, params and a variable. */
final class TemplateBenchmarks {

    static final String FIELD = """
            SELECT COUNT(*) FROM orders
            WHERE amount >= {{ params.min_amount }} AND region = {{ var.value.region | sqlliteral }}
              AND order_day BETWEEN '{{ macros.ds_add(ds, -1) }}' AND '{{ ds }}'""";

    /** Percentiles of one render, in microseconds. */
    record Micros(double p50, double p99) {
    }

    private TemplateBenchmarks() {
    }

    /** @param renders how many renders to time, after as many to warm the JIT up */
    static Micros render(int renders) {
        TaskContext ctx = new FixedContext();
        for (int i = 0; i < renders; i++) {
            Templates.render("sql", FIELD, ctx);
        }
        long[] nanos = new long[renders];
        for (int i = 0; i < renders; i++) {
            long start = System.nanoTime();
            Templates.render("sql", FIELD, ctx);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new Micros(nanos[renders / 2] / 1e3, nanos[Math.min(renders - 1, (int) (renders * 0.99))] / 1e3);
    }

    /** A try's context with fixed values, read the way a template reads a server's. */
    private static final class FixedContext implements TaskContext {
        private static final Instant DAY = Instant.parse("2026-03-15T00:00:00Z");

        @Override public String dagId() { return "orders"; }
        @Override public String runId() { return "scheduled__2026-03-15T00:00:00Z"; }
        @Override public String taskId() { return "count"; }
        @Override public int tryNumber() { return 1; }
        @Override public int maxTries() { return 1; }
        @Override public Instant logicalDate() { return DAY; }
        @Override public DataInterval dataInterval() { return new DataInterval(DAY, DAY.plusSeconds(86_400)); }
        @Override public Map<String, Object> params() { return Map.of("min_amount", 100); }
        @Override public Map<String, Object> conf() { return Map.of(); }
        @Override public Logger log() { return NOPLogger.NOP_LOGGER; }
        @Override public void xcomPush(String key, Object value) { }
        @Override public <T> Optional<T> xcomPullOptional(String taskId, String key, Class<T> type) { return Optional.empty(); }
        @Override public String idempotencyKey() { return "orders/count"; }
        @Override public void followBranches(Collection<String> taskIds) { }
        @Override public Optional<String> variable(String key) { return Optional.of("eu"); }

        @Override
        public Optional<TaskState> externalTaskState(String dagId, String taskId, Instant logicalDate) {
            return Optional.empty();
        }

        @Override
        public Connection connection(String connId) {
            throw new OrchestratorException("no connections in the template benchmark");
        }
    }
}
