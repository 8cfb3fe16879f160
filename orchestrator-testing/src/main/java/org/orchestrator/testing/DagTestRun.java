package org.orchestrator.testing;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.TaskState;

/**
 * What a {@link DagTester} run did, for assertions: the run's state, each task's final state, its
 * tries (outcome, error, log) and the XComs the tasks pushed.
 *
 * <pre>{@code
 * DagTestRun run = DagTester.forDag(dag).run(LocalDate.of(2026, 1, 1));
 * assertThat(run.state()).isEqualTo(DagRunState.SUCCESS);
 * assertThat(run.tries("load").getLast().log()).contains("loaded 42 rows");
 * assertThat(run.xcom("load", "rows", Integer.class)).contains(42);
 * }</pre>
 */
public final class DagTestRun {

    private final LocalRun run;
    private final DagRunState state;
    private final Map<String, TaskState> states;
    private final Map<String, List<TaskTry>> tries;
    private final List<String> callbackErrors;
    private final List<CallbackCall> callbackCalls;
    private final Map<String, List<TaskState>> instances;
    private final Map<String, String> expansionErrors;

    DagTestRun(LocalRun run, DagRunState state, Map<String, TaskState> states, Map<String, List<TaskTry>> tries,
               List<String> callbackErrors, List<CallbackCall> callbackCalls) {
        this(run, state, states, tries, callbackErrors, callbackCalls, Map.of(), Map.of());
    }

    DagTestRun(LocalRun run, DagRunState state, Map<String, TaskState> states, Map<String, List<TaskTry>> tries,
               List<String> callbackErrors, List<CallbackCall> callbackCalls, Map<String, List<TaskState>> instances,
               Map<String, String> expansionErrors) {
        Map<String, List<TaskState>> each = new LinkedHashMap<>();
        instances.forEach((task, list) -> each.put(task, List.copyOf(list)));
        this.instances = Collections.unmodifiableMap(each);
        this.expansionErrors = Map.copyOf(expansionErrors);
        this.run = run;
        this.state = state;
        this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
        Map<String, List<TaskTry>> copy = new LinkedHashMap<>();
        tries.forEach((task, list) -> copy.put(task, List.copyOf(list)));
        this.tries = Collections.unmodifiableMap(copy);
        this.callbackErrors = List.copyOf(callbackErrors);
        this.callbackCalls = List.copyOf(callbackCalls);
    }

    /** {@return the run's state by the server's rule: {@code success} or {@code failed}} */
    public DagRunState state() {
        return state;
    }

    /** {@return the run id the tasks saw, {@code test__<logical date>}} */
    public String runId() {
        return run.runId();
    }

    /** {@return the logical date} */
    public Instant logicalDate() {
        return run.logicalDate();
    }

    /** {@return the data interval the tasks saw} */
    public DataInterval dataInterval() {
        return run.interval();
    }

    /** {@return every task's final state, in the DAG's order ({@code none} for tasks a single-task run left alone)} */
    public Map<String, TaskState> taskStates() {
        return states;
    }

    /**
     * {@return its final state}
     *
     * @param taskId a task of the DAG
     */
    public TaskState taskState(String taskId) {
        return require(states, taskId);
    }

    /**
     * {@return its tries in order; empty when it never ran (skipped or upstream_failed by a rule)}
     *
     * @param taskId a task of the DAG
     */
    public List<TaskTry> tries(String taskId) {
        return require(tries, taskId);
    }

    /**
     * {@return that try's log}
     *
     * @param taskId a task of the DAG
     * @param tryNumber a try, from 1
     */
    public String log(String taskId, int tryNumber) {
        List<TaskTry> list = tries(taskId);
        if (tryNumber < 1 || tryNumber > list.size()) {
            throw new IllegalArgumentException("task '" + taskId + "' has " + list.size() + " tries, not " + tryNumber);
        }
        return list.get(tryNumber - 1).log();
    }

    /**
     * {@return the logs of all its tries, one after the other}
     *
     * @param taskId a task of the DAG
     */
    public String log(String taskId) {
        return tries(taskId).stream().map(TaskTry::log).collect(Collectors.joining());
    }

    /**
     * {@return the value, or empty when none was pushed}
     *
     * @param taskId the task that pushed
     * @param key the XCom key
     * @param type the type to read the JSON value as
     * @param <T> the type
     */
    public <T> Optional<T> xcom(String taskId, String key, Class<T> type) {
        return Optional.ofNullable(run.xcoms().get(LocalRun.xcomKey(taskId, key))).map(json -> XComJson.read(json, type));
    }

    /**
     * {@return what the task's last try rendered its templated fields to, secrets masked, as the
     * server's {@code rendered_fields}; empty when it has none or its templates failed}
     *
     * @param taskId the task ({@code task[i]} for one instance of a mapped task)
     */
    public Map<String, String> renderedFields(String taskId) {
        return run.rendered().getOrDefault(taskId, Map.of());
    }

    /** {@return every XCom pushed, {@code task/key} → JSON text} */
    public Map<String, String> xcoms() {
        return Map.copyOf(run.xcoms());
    }

    /**
     * {@return the final state of each of its instances, by map index (one entry, skipped or failed, when it did not expand); empty for an unmapped task or one the run never reached}
     *
     * @param taskId a mapped task
     */
    public List<TaskState> mappedStates(String taskId) {
        require(states, taskId);
        return instances.getOrDefault(taskId, List.of());
    }

    /**
     * {@return that instance's tries in order}
     *
     * @param taskId a mapped task
     * @param mapIndex one of its instances
     */
    public List<TaskTry> tries(String taskId, int mapIndex) {
        return tries(taskId).stream().filter(t -> t.mapIndex() == mapIndex).toList();
    }

    /**
     * {@return why it could not expand (not a list, too long), if so}
     *
     * @param taskId a mapped task
     */
    public Optional<String> expansionError(String taskId) {
        return Optional.ofNullable(expansionErrors.get(taskId));
    }

    /**
     * {@return what each instance of a mapped task pushed, in map-index order (the one value of an unmapped task)}
     *
     * @param taskId the task that pushed
     * @param key the XCom key
     * @param type the type to read each JSON value as
     * @param <T> the type
     */
    public <T> List<T> xcomAll(String taskId, String key, Class<T> type) {
        if (!instances.containsKey(taskId)) {
            return xcom(taskId, key, type).stream().toList();
        }
        return run.xcomsOfEachInstance(taskId, key).stream().map(json -> XComJson.read(json, type)).toList();
    }

    /**
     * {@return every event that has callbacks, in order, with whether they ran (by default they are
     * only recorded; see {@link DagTester#runCallbacks(boolean)})}
     */
    public List<CallbackCall> callbacks() {
        return callbackCalls;
    }

    /** {@return one line per callback that threw (the run went on, as on the server)} */
    public List<String> callbackErrors() {
        return callbackErrors;
    }

    private <V> V require(Map<String, V> map, String taskId) {
        V value = map.get(taskId);
        if (value == null) {
            throw new IllegalArgumentException("dag '" + run.dag().id() + "' has no task '" + taskId + "'; it has " + map.keySet());
        }
        return value;
    }

    /** Names each failed try's error too, so that a failed assertion on the state says why the run failed. */
    @Override
    public String toString() {
        String errors = tries.values().stream().flatMap(List::stream)
                .filter(t -> t.error().isPresent())
                .map(t -> "\n  " + t.taskId() + " try " + t.tryNumber() + ": " + t.error().get())
                .collect(Collectors.joining());
        return "DagTestRun[" + run.dag().id() + " " + run.logicalDate() + " " + state.wireName() + " " + states + "]" + errors;
    }
}
