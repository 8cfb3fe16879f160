package org.orchestrator.server.execute.isolation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.orchestrator.api.Connection;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunRequest;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.Branches;
import org.orchestrator.rules.LineLogger;
import org.orchestrator.server.internal.Json;
import org.slf4j.Logger;

/**
 * What a task in a child JVM sees: the try's values as the node sent them, and every call that
 * needs the node (XCom, connections, variables, other tasks' states) asked over the channel, one
 * at a time. Pushed XComs go to the node at once; the node writes them with the outcome, as for a
 * try on a thread.
 */
final class ChildTaskContext implements TaskContext {

    private final Channel channel;
    private final Map<String, Object> start;
    private final Dag dag;
    private final Logger log;
    private final Map<String, String> pushed = new ConcurrentHashMap<>();

    ChildTaskContext(Channel channel, Map<String, Object> start, Dag dag) {
        this.channel = channel;
        this.start = start;
        this.dag = dag;
        this.log = new ChannelLogger(taskId(), channel);
    }

    @Override public String dagId() { return (String) start.get("dagId"); }
    @Override public String runId() { return (String) start.get("runId"); }
    @Override public String taskId() { return (String) start.get("taskId"); }
    @Override public int tryNumber() { return ((Number) start.get("tryNumber")).intValue(); }
    @Override public int maxTries() { return ((Number) start.get("maxTries")).intValue(); }
    @Override public Instant logicalDate() { return instant("logicalDate"); }
    @Override public DataInterval dataInterval() { return new DataInterval(instant("intervalStart"), instant("intervalEnd")); }
    @Override public Map<String, Object> params() { return map("params"); }
    @Override public Map<String, Object> conf() { return map("conf"); }
    @Override public Logger log() { return log; }

    @Override
    public String idempotencyKey() {
        return dagId() + "/" + runId() + "/" + taskId();
    }

    /** Rendered by the node, which holds the variables and connections a template may name. */
    @Override
    @SuppressWarnings("unchecked")
    public Optional<org.orchestrator.api.DataInterval> previousSuccessfulDataInterval() {
        List<String> interval = (List<String>) call("previousSuccessfulDataInterval", Map.of());
        return Optional.ofNullable(interval).map(i -> new org.orchestrator.api.DataInterval(
                java.time.Instant.parse(i.get(0)), java.time.Instant.parse(i.get(1))));
    }

    @Override
    public String render(String field, String template) {
        return org.orchestrator.api.Task.isTemplate(template)
                ? (String) call("render", Map.of("field", field, "template", template)) : template;
    }

    @Override
    public void xcomPush(String key, Object value) {
        String json = Json.write(value);
        pushed.put(Objects.requireNonNull(key, "key"), json);
        send(Map.of("type", "push", "key", key, "json", json));
    }

    @Override
    public <T> Optional<T> xcomPullOptional(String taskId, String key, Class<T> type) {
        String json = taskId.equals(taskId()) ? pushed.get(key) : null;
        if (json == null) {
            json = (String) call("xcomPull", Map.of("taskId", taskId, "key", key));
        }
        return Optional.ofNullable(json).map(value -> Json.read(value, type));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Connection connection(String connId) {
        Map<String, Object> c = (Map<String, Object>) call("connection", Map.of("connId", connId));
        return new Connection((String) c.get("id"), (String) c.get("type"), (String) c.get("url"), (String) c.get("login"),
                (String) c.get("password"), (Map<String, String>) c.get("extra"));
    }

    @Override
    public Optional<String> variable(String key) {
        return Optional.ofNullable((String) call("variable", Map.of("key", key)));
    }

    @Override
    public Optional<TaskState> externalTaskState(String dagId, String taskId, Instant logicalDate) {
        Object state = call("externalTaskState", Map.of("dagId", dagId, "taskId", taskId, "logicalDate", logicalDate.toString()));
        return Optional.ofNullable((String) state).map(TaskState::fromWireName);
    }

    @Override
    public int mapIndex() {
        return ((Number) start.getOrDefault("mapIndex", -1)).intValue();
    }

    @Override
    public <T> T arg(String name, Class<T> type) {
        return Json.MAPPER.convertValue(call("arg", Map.of("name", name)), type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> xcomPullAll(String taskId, String key, Class<T> type) {
        List<String> all = (List<String>) call("xcomPullAll", Map.of("taskId", taskId, "key", key));
        return all.stream().map(value -> Json.read(value, type)).toList();
    }

    @Override
    public boolean isLatestRun() {
        return Boolean.TRUE.equals(start.get("latestRun"));
    }

    @Override
    public String triggerDagRun(DagRunRequest request) {
        Map<String, Object> args = new HashMap<>();
        args.put("dagId", request.dagId());
        args.put("runId", request.runId());
        args.put("logicalDate", request.logicalDate() == null ? null : request.logicalDate().toString());
        args.put("conf", request.conf());
        return (String) call("triggerDagRun", args);
    }

    @Override
    public Optional<DagRunState> dagRunState(String dagId, String runId) {
        return Optional.ofNullable((String) call("dagRunState", Map.of("dagId", dagId, "runId", runId))).map(DagRunState::valueOf);
    }

    @Override
    public void followBranches(Collection<String> taskIds) {
        List<String> chosen = List.copyOf(Branches.checked(dag, taskId(), taskIds));
        send(Map.of("type", "branches", "taskIds", chosen));
    }

    /** Asks the node and waits for its answer; one question at a time on the one line. */
    private synchronized Object call(String method, Map<String, Object> args) {
        try {
            send(Map.of("type", "call", "method", method, "args", args));
            Map<String, Object> reply = channel.receive();
            if (reply == null) {
                throw new OrchestratorException("the node closed the line while the task asked for " + method);
            }
            if (reply.get("error") != null) {
                throw new OrchestratorException((String) reply.get("error"));
            }
            return reply.get("value");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the node: " + e.getMessage(), e);
        }
    }

    private void send(Map<String, ?> message) {
        try {
            channel.send(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the node: " + e.getMessage(), e);
        }
    }

    private Instant instant(String key) {
        Object value = start.get(key);
        return value == null ? null : Instant.parse((String) value);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String key) {
        return java.util.Collections.unmodifiableMap((Map<String, Object>) start.getOrDefault(key, Map.of()));
    }

    /** The task's logger: each formatted line goes to the node, which masks it and writes the try's log. */
    private static final class ChannelLogger extends LineLogger {

        private final transient Channel channel;

        ChannelLogger(String name, Channel channel) {
            super(name, Clock.systemUTC(), line -> line);
            this.channel = channel;
        }

        @Override
        protected void write(String line) {
            try {
                channel.send(Map.of("type", "log", "line", line));
            } catch (IOException e) {
                System.err.print(line); // the node reads stderr too; a line is never lost silently
            }
        }
    }
}
