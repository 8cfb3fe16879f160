package org.orchestrator.server.execute;

import java.io.PrintStream;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.Resources;
import org.orchestrator.api.TaskState;

/**
 * {@code dags test} and {@code tasks test}: runs a DAG or one task in this process with
 * DagTester (the harness DAG authors use in their unit tests, on the engine's own rules; see {@link TestHarness}),
 * echoing the logs to the console and printing a summary. Nothing is written to the database.
 */
public final class LocalDagRunner {

    private final PrintStream out;
    private final Resources resources;
    private final UnaryOperator<String> mask;
    private final Map<String, Map<String, Object>> seededXComs = new LinkedHashMap<>();
    private boolean runCallbacks;

    /**
     * @param out       where task logs and the summary go
     * @param resources the connections and variables tasks may use
     * @param mask      applied to every log line (hides the secrets the resources handed out)
     */
    public LocalDagRunner(PrintStream out, Resources resources, UnaryOperator<String> mask) {
        this.out = out;
        this.resources = resources;
        this.mask = mask;
    }

    /**
     * @param run true to run the DAG's callbacks (send its alerts); by default each event is only
     *            recorded and printed, so a local run never notifies anyone
     * @return this
     */
    public LocalDagRunner runCallbacks(boolean run) {
        this.runCallbacks = run;
        return this;
    }

    /**
     * Seeds an XCom for {@link #runTask}, as if an upstream task had pushed it.
     *
     * @param taskId the pushing task
     * @param key    the XCom key
     * @param value  the value (already parsed from JSON)
     * @return this
     */
    public LocalDagRunner xcom(String taskId, String key, Object value) {
        seededXComs.computeIfAbsent(taskId, t -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /**
     * The outcome of a local run.
     *
     * @param states   final state of each task
     * @param runState the run's state by the server's rule
     */
    public record Result(Map<String, TaskState> states, DagRunState runState) {
    }

    /**
     * Runs every task of the DAG that its trigger rules allow.
     *
     * @param dag         the DAG
     * @param logicalDate the logical date
     * @param conf        the run's conf
     * @return the final states
     */
    public Result runDag(Dag dag, Instant logicalDate, Map<String, Object> conf) {
        TestHarness.Run run = harness(dag, conf).run(logicalDate);
        printSummary(run.taskStates(), run.state());
        return new Result(run.taskStates(), run.state());
    }

    /**
     * Runs one task whatever its upstreams did (their XComs are only those seeded with {@link #xcom}).
     *
     * @return the task's final state
     * @throws IllegalArgumentException when the DAG has no such task
     */
    public TaskState runTask(Dag dag, String taskId, Instant logicalDate, Map<String, Object> conf) {
        TaskState state = harness(dag, conf).runTask(taskId, logicalDate).taskStates().get(taskId);
        out.println("Task " + taskId + " ended " + state.wireName());
        return state;
    }

    /**
     * Prints a task's templated fields rendered for a logical date, running nothing.
     *
     * @return the rendered fields, by name
     * @throws IllegalArgumentException when the DAG has no such task
     */
    public Map<String, String> renderTask(Dag dag, String taskId, Instant logicalDate, Map<String, Object> conf) {
        Map<String, String> rendered = harness(dag, conf).renderTask(taskId, logicalDate);
        if (rendered.isEmpty()) {
            out.println("Task " + taskId + " has no templated fields");
        }
        rendered.forEach((field, value) -> out.println("# " + field + "\n" + value));
        return rendered;
    }

    private TestHarness harness(Dag dag, Map<String, Object> conf) {
        TestHarness harness = TestHarness.forDag(dag, resources, conf, mask, out).runCallbacks(runCallbacks);
        seededXComs.forEach((task, values) -> values.forEach((key, value) -> harness.xcom(task, key, value)));
        return harness;
    }

    private void printSummary(Map<String, TaskState> states, DagRunState runState) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        states.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        out.println();
        states.forEach((task, state) -> out.printf("  %-40s %s%n", task, state.wireName()));
        out.println("Run " + runState.wireName() + ": " + counts);
    }
}
