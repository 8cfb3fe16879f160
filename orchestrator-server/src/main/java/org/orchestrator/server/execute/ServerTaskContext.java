package org.orchestrator.server.execute;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DagRunRequest;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Resources;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.Branches;
import org.orchestrator.rules.LatestRun;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.XComs;
import org.slf4j.Logger;

/** The context of one try on the server: XCom goes to the database, the log to the try's file. */
final class ServerTaskContext implements TaskContext {

    private static final TaskInstances TASK_INSTANCES = new TaskInstances();
    private static final org.orchestrator.server.state.DagRuns DAG_RUNS = new org.orchestrator.server.state.DagRuns();

    private final ClaimedTry claimed;
    private final Logger log;
    private final Transactions db;
    private final XComs xcoms;
    private final Map<String, Object> conf;
    private final Map<String, Object> params;
    private final Resources resources;
    private final RunTriggers triggers;
    private final Clock clock;
    private final Map<String, String> pushed = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Set<String> branches;
    private volatile Map<String, Object> args;

    ServerTaskContext(ClaimedTry claimed, Logger log, Transactions db, XComs xcoms, Resources resources, RunTriggers triggers,
                      Clock clock) {
        this.claimed = claimed;
        this.clock = clock;
        this.triggers = triggers;
        this.resources = resources;
        this.log = log;
        this.db = db;
        this.xcoms = xcoms;
        this.conf = Collections.unmodifiableMap(Json.objectOf(claimed.run().conf()));
        Map<String, Object> merged = new LinkedHashMap<>(claimed.dag().dag().params());
        merged.putAll(conf);
        this.params = Collections.unmodifiableMap(merged);
    }

    @Override public String dagId() { return claimed.ti().dagId(); }
    @Override public String runId() { return claimed.ti().runId(); }
    @Override public String taskId() { return claimed.ti().taskId(); }
    @Override public int tryNumber() { return claimed.ti().tryNumber(); }
    @Override public int maxTries() { return claimed.ti().maxTries(); }
    @Override public Instant logicalDate() { return claimed.run().logicalDate(); }
    @Override public DataInterval dataInterval() { return claimed.run().interval(); }
    @Override public Map<String, Object> params() { return params; }
    @Override public Map<String, Object> conf() { return conf; }
    @Override public Logger log() { return log; }
    @Override public int mapIndex() { return claimed.ti().mapIndex(); }

    @Override
    public String render(String field, String template) {
        return org.orchestrator.rules.template.Templates.render(field, template, this, claimed.dag().dag());
    }

    @Override
    public java.util.Optional<DataInterval> previousSuccessfulDataInterval() {
        return db.withHandle(h -> DAG_RUNS.previousSuccess(h, dagId(), logicalDate())).map(DagRunRow::interval);
    }

    @Override
    public <T> T arg(String name, Class<T> type) {
        Map<String, Object> all = args();
        if (!all.containsKey(name)) {
            throw new IllegalArgumentException("task '" + taskId() + "' has no argument '" + name + "'; it has " + all.keySet());
        }
        return Json.MAPPER.convertValue(all.get(name), type);
    }

    /** The task's fixed arguments with this instance's mapped ones, read once when first asked for. */
    private Map<String, Object> args() {
        if (args == null) {
            Map<String, Object> all = new LinkedHashMap<>(claimed.task().partials());
            if (mapIndex() >= 0) {
                db.withHandle(h -> TASK_INSTANCES.mapArgs(h, claimed.ti().id())).map(Json::objectOf).ifPresent(all::putAll);
            }
            args = all;
        }
        return args;
    }

    /**
     * Kept until the try ends, then written in the transaction that records its outcome: no
     * commit (and no pooled connection) per push, and a try that lost its instance writes none.
     * Downstream tasks only start after that commit, so they see every value.
     */
    @Override
    public void xcomPush(String key, Object value) {
        pushed.put(java.util.Objects.requireNonNull(key, "key"), Json.write(value));
    }

    @Override
    public <T> Optional<T> xcomPullOptional(String taskId, String key, Class<T> type) {
        String own = taskId.equals(taskId()) ? pushed.get(key) : null;
        Optional<String> json = own != null ? Optional.of(own)
                : db.withHandle(h -> xcoms.pull(h, claimed.ti().runPk(), taskId, key));
        return json.map(value -> Json.read(value, type));
    }

    @Override
    public <T> java.util.List<T> xcomPullAll(String taskId, String key, Class<T> type) {
        java.util.List<String> all = db.withHandle(h -> xcoms.pullAll(h, claimed.ti().runPk(), taskId, key));
        return all.stream().map(value -> Json.read(value, type)).toList();
    }

    /** @return the values this try pushed, as JSON by key */
    Map<String, String> pushed() {
        return Map.copyOf(pushed);
    }

    @Override
    public Connection connection(String connId) {
        return resources.connection(connId);
    }

    @Override
    public Optional<String> variable(String key) {
        return resources.variable(key);
    }

    @Override
    public Optional<TaskState> externalTaskState(String dagId, String taskId, Instant logicalDate) {
        return db.withHandle(h -> TASK_INSTANCES.stateAt(h, dagId, taskId, logicalDate));
    }

    @Override
    public String triggerDagRun(DagRunRequest request) {
        return triggers.trigger(new RunTriggers.Parent(dagId(), runId(), taskId()), request);
    }

    @Override
    public Optional<DagRunState> dagRunState(String dagId, String runId) {
        return triggers.state(dagId, runId);
    }

    @Override
    public boolean isLatestRun() {
        return LatestRun.isLatest(claimed.dag().dag(), dataInterval(), claimed.run().runType() == RunType.MANUAL,
                clock.instant());
    }

    @Override
    public String idempotencyKey() {
        return dagId() + "/" + runId() + "/" + claimed.ti().label();
    }

    @Override
    public void followBranches(Collection<String> taskIds) {
        branches = Branches.checked(claimed.dag().dag(), taskId(), taskIds);
    }

    /** @return the branches chosen, or null to follow every downstream task */
    Set<String> branches() {
        return branches;
    }
}
