package org.orchestrator.tasks.testing;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Connection;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;

/**
 * A {@link TaskContext} for running one task's code in a unit test: it records the log lines,
 * the pushed XComs and the followed branches. XCom values are kept as the objects pushed (the
 * server stores JSON), so pull with the type that was pushed. Contexts made with
 * {@link #next(String)} belong to the same run and share its XComs.
 *
 * <pre>{@code
 * TestTaskContext extract = TestTaskContext.forTask(dag, "extract").logicalDate(Instant.parse("2026-03-02T02:00:00Z"));
 * new ExtractOrders().execute(extract);
 * TestTaskContext transform = extract.next("transform");
 * new TransformOrders().execute(transform);
 * assertThat(transform.pushed("rows", Integer.class)).contains(18);
 * }</pre>
 */
public final class TestTaskContext implements TaskContext {

    /** The logical date a test context has unless told otherwise. */
    public static final Instant DEFAULT_LOGICAL_DATE = Instant.parse("2026-01-01T00:00:00Z");

    private final String dagId;
    private final String taskId;
    private final Map<String, Object> xcoms;
    private final RecordingLogger logger;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Object> conf = new LinkedHashMap<>();
    private String runId;
    private int tryNumber = 1;
    private int maxTries = 1;
    private Instant logicalDate = DEFAULT_LOGICAL_DATE;
    private DataInterval dataInterval = new DataInterval(DEFAULT_LOGICAL_DATE, DEFAULT_LOGICAL_DATE);
    private List<String> followedBranches;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    // Concurrent: a test changes external states while a sensor polls them from its own thread.
    private final Map<String, TaskState> externalStates = new java.util.concurrent.ConcurrentHashMap<>();

    private TestTaskContext(String dagId, String taskId, Map<String, Object> xcoms) {
        this.dagId = dagId;
        this.taskId = taskId;
        this.xcoms = xcoms;
        this.logger = new RecordingLogger(dagId + "." + taskId);
        this.runId = "manual__" + DEFAULT_LOGICAL_DATE;
    }

    /**
     * @param dagId  the DAG id
     * @param taskId the task id
     * @return a context for try 1 of 1 on {@link #DEFAULT_LOGICAL_DATE}
     */
    public static TestTaskContext of(String dagId, String taskId) {
        return new TestTaskContext(dagId, taskId, Collections.synchronizedMap(new LinkedHashMap<>()));
    }

    /**
     * @param dag    a built DAG
     * @param taskId one of its tasks
     * @return a context with the DAG's param defaults and the task's max tries
     */
    public static TestTaskContext forTask(Dag dag, String taskId) {
        TaskDefinition task = dag.task(taskId).orElseThrow(() -> new IllegalArgumentException(dag + " has no task '" + taskId + "'"));
        TestTaskContext ctx = of(dag.id(), taskId).tryNumber(1, task.maxTries());
        ctx.params.putAll(dag.params());
        return ctx;
    }

    /**
     * @param otherTaskId another task of the same DAG
     * @return a context for it in the same run: same dates, params, conf and XComs; try 1
     */
    public TestTaskContext next(String otherTaskId) {
        TestTaskContext next = new TestTaskContext(dagId, otherTaskId, xcoms);
        next.runId = runId;
        next.logicalDate = logicalDate;
        next.dataInterval = dataInterval;
        next.params.putAll(params);
        next.conf.putAll(conf);
        next.connections.putAll(connections);
        next.variables.putAll(variables);
        next.externalStates.putAll(externalStates);
        return next;
    }

    /** @param date the logical date, also the interval's start and end @return this */
    public TestTaskContext logicalDate(Instant date) {
        return dataInterval(new DataInterval(date, date));
    }

    /** @param interval the data interval; its start becomes the logical date @return this */
    public TestTaskContext dataInterval(DataInterval interval) {
        this.dataInterval = interval;
        this.logicalDate = interval.start();
        this.runId = "scheduled__" + interval.start();
        return this;
    }

    /** @param tryNumber the try, from 1 @param maxTries tries in all @return this */
    public TestTaskContext tryNumber(int tryNumber, int maxTries) {
        this.tryNumber = tryNumber;
        this.maxTries = maxTries;
        return this;
    }

    /** @param name a param @param value its value, as a DAG default would give it @return this */
    public TestTaskContext param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** @param name a conf key @param value its value, as a triggered run would give it @return this */
    public TestTaskContext conf(String name, Object value) {
        conf.put(name, value);
        return this;
    }

    /** @param fromTask the pushing task @param key the key @param value the value @return this */
    public TestTaskContext xcom(String fromTask, String key, Object value) {
        xcoms.put(fromTask + "/" + key, value);
        return this;
    }

    /** @return the recording logger behind {@link #log()} */
    public RecordingLogger logger() {
        return logger;
    }

    /** @return the messages logged so far */
    public List<String> logLines() {
        return logger.messages();
    }

    /** @param key a key @param type its type @param <T> the type @return what this task pushed under the key */
    public <T> Optional<T> pushed(String key, Class<T> type) {
        return xcomPullOptional(taskId, key, type);
    }

    /** @return the branches the task followed, empty when it did not call followBranches */
    public Optional<List<String>> followedBranches() {
        return Optional.ofNullable(followedBranches);
    }

    @Override public String dagId() { return dagId; }
    @Override public String runId() { return runId; }
    @Override public String taskId() { return taskId; }
    @Override public int tryNumber() { return tryNumber; }
    @Override public int maxTries() { return maxTries; }
    @Override public Instant logicalDate() { return logicalDate; }
    @Override public DataInterval dataInterval() { return dataInterval; }
    @Override public Map<String, Object> conf() { return Collections.unmodifiableMap(conf); }
    @Override public org.slf4j.Logger log() { return logger; }
    @Override public String idempotencyKey() { return dagId + "/" + runId + "/" + taskId; }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> merged = new LinkedHashMap<>(params);
        merged.putAll(conf);
        return Collections.unmodifiableMap(merged);
    }

    @Override
    public String render(String field, String template) {
        return org.orchestrator.rules.template.Templates.render(field, template, this);
    }

    /** As the server renders a notifier's message. */
    @Override
    public String render(String field, String template, Map<String, ?> names) {
        return org.orchestrator.rules.template.Templates.render(field, template, names, this);
    }

    @Override
    public void xcomPush(String key, Object value) {
        xcoms.put(taskId + "/" + key, value);
    }

    @Override
    public <T> Optional<T> xcomPullOptional(String fromTask, String key, Class<T> type) {
        Object value = xcoms.get(fromTask + "/" + key);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("xcom " + fromTask + "/" + key + " is a " + value.getClass().getName()
                    + ", not a " + type.getName() + " (this test context keeps pushed objects as they are)");
        }
        return Optional.ofNullable(type.cast(value));
    }

    @Override
    public void followBranches(Collection<String> taskIds) {
        followedBranches = List.copyOf(taskIds);
    }

    /**
     * @param connection a connection the task may look up
     * @return this context
     */
    public TestTaskContext withConnection(Connection connection) {
        connections.put(connection.id(), connection);
        return this;
    }

    /**
     * @param key   a variable's key
     * @param value its value
     * @return this context
     */
    public TestTaskContext withVariable(String key, String value) {
        variables.put(key, value);
        return this;
    }

    /**
     * @param dagId       another DAG
     * @param taskId      its task
     * @param logicalDate the run's logical date
     * @param state       the state {@link #externalTaskState} answers
     * @return this context
     */
    public TestTaskContext withExternalState(String dagId, String taskId, Instant logicalDate, TaskState state) {
        externalStates.put(dagId + "/" + taskId + "/" + logicalDate, state);
        return this;
    }

    @Override
    public Connection connection(String connId) {
        Connection connection = connections.get(connId);
        if (connection == null) {
            throw new OrchestratorException("unknown connection '" + connId + "'");
        }
        return connection;
    }

    @Override
    public Optional<String> variable(String key) {
        return Optional.ofNullable(variables.get(key));
    }

    @Override
    public Optional<TaskState> externalTaskState(String dagId, String taskId, Instant logicalDate) {
        return Optional.ofNullable(externalStates.get(dagId + "/" + taskId + "/" + logicalDate));
    }
}
