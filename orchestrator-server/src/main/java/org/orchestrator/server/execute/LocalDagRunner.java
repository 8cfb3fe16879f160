package org.orchestrator.server.execute;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.Resources;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.run.RunStateRule;
import org.orchestrator.server.run.TriggerDecision;
import org.orchestrator.server.run.TriggerRules;
import org.orchestrator.server.run.UpstreamSummary;
import org.orchestrator.server.schedule.Timetable;

/**
 * Runs a DAG or one task in this process, for {@code dags test} and {@code tasks test}: same
 * trigger rules and run-state rule as the server, tasks one at a time in topological order, XCom
 * in memory, logs on the console, retries at once (no delay), and nothing written to the database.
 */
public final class LocalDagRunner {

    private final PrintStream out;
    private final Resources resources;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param out       where task logs and the summary go
     * @param resources the connections and variables tasks may use
     */
    public LocalDagRunner(PrintStream out, Resources resources) {
        this.out = out;
        this.resources = resources;
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
        LocalRun run = new LocalRun(dag, logicalDate, intervalOf(dag, logicalDate), conf, resources);
        Map<String, TaskState> states = new LinkedHashMap<>();
        dag.tasks().forEach(t -> states.put(t.id(), TaskState.NONE));
        boolean moved = true;
        while (moved) {
            moved = false;
            for (TaskDefinition task : dag.tasks()) {
                if (states.get(task.id()) == TaskState.NONE) {
                    moved |= step(run, task, states);
                }
            }
        }
        DagRunState runState = RunStateRule.resolve(states, dag.leaves());
        printSummary(states, runState);
        return new Result(states, runState);
    }

    /**
     * Runs one task whatever its upstreams did (their XComs are empty).
     *
     * @return the task's final state
     */
    public TaskState runTask(Dag dag, String taskId, Instant logicalDate, Map<String, Object> conf) {
        TaskDefinition task = dag.task(taskId).orElseThrow(() -> new IllegalArgumentException(
                "dag '" + dag.id() + "' has no task '" + taskId + "'; it has " + dag.tasks().stream().map(TaskDefinition::id).toList()));
        LocalRun run = new LocalRun(dag, logicalDate, intervalOf(dag, logicalDate), conf, resources);
        TaskState state = execute(run, task).state();
        out.println("Task " + taskId + " ended " + state.wireName());
        return state;
    }

    private boolean step(LocalRun run, TaskDefinition task, Map<String, TaskState> states) {
        List<TaskState> upstream = task.upstream().stream().map(states::get).toList();
        TriggerDecision decision = TriggerRules.decide(task.triggerRule(), UpstreamSummary.of(upstream));
        switch (decision) {
            case WAIT -> {
                return false;
            }
            case SKIP -> states.put(task.id(), TaskState.SKIPPED);
            case UPSTREAM_FAILED -> states.put(task.id(), TaskState.UPSTREAM_FAILED);
            case RUN -> {
                Ended ended = execute(run, task);
                states.put(task.id(), ended.state());
                skipUnchosen(run.dag(), task, ended.branches(), states);
            }
        }
        return true;
    }

    private record Ended(TaskState state, Set<String> branches) {
    }

    private Ended execute(LocalRun run, TaskDefinition task) {
        for (int attempt = 1; ; attempt++) {
            LocalTaskContext context = new LocalTaskContext(run, task.id(), attempt, task.maxTries(),
                    new TryLogger(task.id(), out, clock));
            try {
                task.task().execute(context);
                return new Ended(TaskState.SUCCESS, context.branches());
            } catch (SkipTaskException e) {
                context.log().info("skipped: {}", e.getMessage());
                return new Ended(TaskState.SKIPPED, null);
            } catch (Throwable e) {
                context.log().error("task failed (try {} of {})", attempt, task.maxTries(), e);
                if (attempt >= task.maxTries()) {
                    return new Ended(TaskState.FAILED, null);
                }
                context.log().info("retrying at once (dags test skips the retry delay of {})", task.retryDelayAfter(attempt));
            }
        }
    }

    private static void skipUnchosen(Dag dag, TaskDefinition task, Set<String> branches, Map<String, TaskState> states) {
        if (branches == null) {
            return;
        }
        for (String downstream : dag.downstream(task.id())) {
            if (!branches.contains(downstream) && states.get(downstream) == TaskState.NONE) {
                states.put(downstream, TaskState.SKIPPED);
            }
        }
    }

    private static DataInterval intervalOf(Dag dag, Instant logicalDate) {
        return Timetable.of(dag).nextAfter(logicalDate)
                .filter(interval -> interval.start().equals(logicalDate))
                .orElse(new DataInterval(logicalDate, logicalDate));
    }

    private void printSummary(Map<String, TaskState> states, DagRunState runState) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        states.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        out.println();
        states.forEach((task, state) -> out.printf("  %-40s %s%n", task, state.wireName()));
        out.println("Run " + runState.wireName() + ": " + counts);
    }
}
