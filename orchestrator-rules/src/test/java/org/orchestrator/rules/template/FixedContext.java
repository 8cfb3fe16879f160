package org.orchestrator.rules.template;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A try's context with fixed values: the logical date 2026-03-15, one variable, one connection, one XCom. */
record FixedContext(Map<String, Object> params, Map<String, Object> conf, Optional<DataInterval> previousSuccess)
        implements TaskContext {

    FixedContext(Map<String, Object> params, Map<String, Object> conf) {
        this(params, conf, Optional.empty());
    }

    @Override
    public Optional<DataInterval> previousSuccessfulDataInterval() {
        return previousSuccess;
    }

    static final Instant LOGICAL = Instant.parse("2026-03-15T00:00:00Z");

    @Override public String dagId() { return "orders"; }
    @Override public String runId() { return "scheduled__2026-03-15T00:00:00Z"; }
    @Override public String taskId() { return "load"; }
    @Override public int tryNumber() { return 1; }
    @Override public int maxTries() { return 1; }
    @Override public Instant logicalDate() { return LOGICAL; }
    @Override public DataInterval dataInterval() { return new DataInterval(LOGICAL, LOGICAL.plusSeconds(86_400)); }
    @Override public Logger log() { return LoggerFactory.getLogger("test"); }
    @Override public void xcomPush(String key, Object value) { }
    @Override public String idempotencyKey() { return "k"; }
    @Override public void followBranches(Collection<String> taskIds) { }

    @Override
    public Optional<TaskState> externalTaskState(String dagId, String taskId, Instant logicalDate) {
        return Optional.empty();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> xcomPullOptional(String taskId, String key, Class<T> type) {
        return taskId.equals("extract") && key.equals("rows") ? Optional.of((T) Integer.valueOf(42)) : Optional.empty();
    }

    @Override
    public Connection connection(String connId) {
        if (!connId.equals("warehouse")) {
            throw new OrchestratorException("unknown connection '" + connId + "'");
        }
        return new Connection("warehouse", "jdbc", "jdbc:h2:mem:w", "etl", "s3cret", Map.of());
    }

    @Override
    public Optional<String> variable(String key) {
        return switch (key) {
            case "region" -> Optional.of("eu");
            case "limits" -> Optional.of("{\"max\": 7}");
            default -> Optional.empty();
        };
    }
}
