package org.orchestrator.testing;

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
import org.orchestrator.rules.Branches;
import org.slf4j.Logger;

/** A try's context in a local run: XComs as JSON in memory, logs captured per try. */
final class LocalTaskContext implements TaskContext {

    private final LocalRun run;
    private final String taskId;
    private final int tryNumber;
    private final int maxTries;
    private final CapturingLogger log;
    private final Map<String, Object> params;
    private volatile Set<String> branches;
    private final int mapIndex;
    private final Map<String, Object> args;

    LocalTaskContext(LocalRun run, String taskId, int tryNumber, int maxTries) {
        this(run, taskId, tryNumber, maxTries, -1, Map.of());
    }

    LocalTaskContext(LocalRun run, String taskId, int tryNumber, int maxTries, int mapIndex, Map<String, Object> args) {
        this.mapIndex = mapIndex;
        this.args = args;
        this.run = run;
        this.taskId = taskId;
        this.tryNumber = tryNumber;
        this.maxTries = maxTries;
        this.log = new CapturingLogger(taskId, run.echo(), run.clock(), run.mask());
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
    @Override public String idempotencyKey() { return dagId() + "/" + runId() + "/" + label(); }
    @Override public int mapIndex() { return mapIndex; }

    String mask(String text) {
        return run.mask().apply(text);
    }

    void recordRendered(Map<String, String> fields) {
        run.rendered().put(label(), Map.copyOf(fields));
    }

    /** {@return the DAG of the run} */
    org.orchestrator.api.Dag dag() {
        return run.dag();
    }

    @Override
    public String render(String field, String template) {
        return org.orchestrator.rules.template.Templates.render(field, template, this, run.dag());
    }

    @Override
    public <T> T arg(String name, Class<T> type) {
        if (!args.containsKey(name)) {
            throw new IllegalArgumentException("task '" + taskId + "' has no argument '" + name + "'; it has " + args.keySet());
        }
        // Through JSON, as on the server, where the arguments are stored as JSON.
        return XComJson.read(XComJson.write(taskId, name, args.get(name)), type);
    }

    @Override
    public <T> java.util.List<T> xcomPullAll(String fromTask, String key, Class<T> type) {
        boolean mapped = run.dag().task(fromTask).map(t -> t.isMapped()).orElse(false);
        if (!mapped) {
            return xcomPullOptional(fromTask, key, type).stream().toList();
        }
        return run.xcomsOfEachInstance(fromTask, key).stream().map(json -> XComJson.read(json, type)).toList();
    }

    private String label() {
        return mapIndex < 0 ? taskId : taskId + "[" + mapIndex + "]";
    }
    @Override public Connection connection(String connId) { return run.resources().connection(connId); }
    @Override public Optional<String> variable(String key) { return run.resources().variable(key); }

    @Override
    public Optional<TaskState> externalTaskState(String dagId, String otherTask, Instant logicalDate) {
        return run.externalState(dagId, otherTask, logicalDate);
    }

    @Override
    public void xcomPush(String key, Object value) {
        run.xcoms().put(LocalRun.xcomKey(taskId, mapIndex, key), XComJson.write(taskId, key, value));
    }

    @Override
    public <T> Optional<T> xcomPullOptional(String fromTask, String key, Class<T> type) {
        // Its own instance's value when a mapped task pulls what it pushed itself.
        int index = fromTask.equals(taskId) ? mapIndex : -1;
        return Optional.ofNullable(run.xcoms().get(LocalRun.xcomKey(fromTask, index, key))).map(json -> XComJson.read(json, type));
    }

    @Override
    public void followBranches(Collection<String> taskIds) {
        branches = Branches.checked(run.dag(), taskId, taskIds);
    }

    Set<String> branches() {
        return branches;
    }

    String logText() {
        return log.text();
    }
}
