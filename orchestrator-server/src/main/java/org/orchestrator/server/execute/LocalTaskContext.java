package org.orchestrator.server.execute;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.internal.Json;
import org.slf4j.Logger;

/** A try's context in a local test run: XCom through JSON in memory, as the server would store it. */
final class LocalTaskContext implements TaskContext {

    private final LocalRun run;
    private final String taskId;
    private final int tryNumber;
    private final int maxTries;
    private final Logger log;
    private final Map<String, Object> params;
    private Set<String> branches;

    LocalTaskContext(LocalRun run, String taskId, int tryNumber, int maxTries, Logger log) {
        this.run = run;
        this.taskId = taskId;
        this.tryNumber = tryNumber;
        this.maxTries = maxTries;
        this.log = log;
        Map<String, Object> merged = new LinkedHashMap<>(run.dag().params());
        merged.putAll(run.conf());
        this.params = Collections.unmodifiableMap(merged);
    }

    @Override public String dagId() { return run.dag().id(); }
    @Override public String runId() { return run.runId(); }
    @Override public String taskId() { return taskId; }
    @Override public int tryNumber() { return tryNumber; }
    @Override public int maxTries() { return maxTries; }
    @Override public Instant logicalDate() { return run.logicalDate(); }
    @Override public DataInterval dataInterval() { return run.interval(); }
    @Override public Map<String, Object> params() { return params; }
    @Override public Map<String, Object> conf() { return Collections.unmodifiableMap(run.conf()); }
    @Override public Logger log() { return log; }
    @Override public String idempotencyKey() { return dagId() + "/" + runId() + "/" + taskId; }

    @Override
    public Connection connection(String connId) {
        return run.resources().connection(connId);
    }

    @Override
    public Optional<String> variable(String key) {
        return run.resources().variable(key);
    }

    /** A local run sees no other runs: it writes and reads no database. */
    @Override
    public Optional<TaskState> externalTaskState(String dagId, String taskId, Instant logicalDate) {
        return Optional.empty();
    }

    @Override
    public void xcomPush(String key, Object value) {
        run.xcoms().put(taskId + "/" + key, Json.write(value));
    }

    @Override
    public <T> Optional<T> xcomPull(String fromTask, String key, Class<T> type) {
        return Optional.ofNullable(run.xcoms().get(fromTask + "/" + key)).map(json -> Json.read(json, type));
    }

    @Override
    public void followBranches(Collection<String> taskIds) {
        branches = Branches.checked(run.dag(), taskId, taskIds);
    }

    Set<String> branches() {
        return branches;
    }
}
