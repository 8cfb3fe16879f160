package org.orchestrator.server.execute;

import static org.orchestrator.api.TaskState.NONE;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.orchestrator.server.state.Tx;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.Branches;
import org.orchestrator.rules.CallbackRule;
import org.orchestrator.rules.RunStateRule;
import org.orchestrator.rules.TriggerDecision;
import org.orchestrator.rules.TriggerRules;
import org.orchestrator.rules.UpstreamSummary;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;

/**
 * Moves a run forward inside the caller's transaction: settles {@code none} tasks whose trigger
 * rule can now be decided (scheduling, skipping or failing them, and following skips and failures
 * downstream), and finishes the run when nothing is left to do.
 */
public final class RunProgress {

    private static final int WHOLE_RUN_THRESHOLD = 64;

    private final TaskInstances tis;
    private final DagRuns runs;
    private final CallbackRequests callbacks;

    /** @param tis task instances @param runs runs @param callbacks the callback outbox */
    public RunProgress(TaskInstances tis, DagRuns runs, CallbackRequests callbacks) {
        this.tis = tis;
        this.runs = runs;
        this.callbacks = callbacks;
    }

    /**
     * Decides the given tasks (and, transitively, what their skips and failures reach).
     *
     * @return how many tasks became scheduled
     */
    public int advance(Tx h, DagRunRow run, Dag dag, Collection<String> candidates, Instant now) {
        Deque<String> work = new ArrayDeque<>(candidates);
        int scheduled = 0;
        while (!work.isEmpty()) {
            Set<String> batch = new HashSet<>(work);
            work.clear();
            Map<String, TaskInstanceRow> rows = rowsFor(h, run.id(), dag, batch);
            List<Long> toSchedule = new ArrayList<>();
            for (String taskId : batch) {
                TaskInstanceRow row = rows.get(taskId);
                if (row == null || row.state() != NONE) {
                    continue;
                }
                if (dag.task(taskId).isEmpty()) {
                    // The run's own version is gone (a restart) and the one used instead lacks the task.
                    settle(h, row, TaskState.REMOVED, dag, work, now);
                    continue;
                }
                TriggerDecision decision = decide(dag, taskId, rows);
                switch (decision) {
                    case RUN -> toSchedule.add(row.id());
                    case SKIP -> settle(h, row, TaskState.SKIPPED, dag, work, now);
                    case UPSTREAM_FAILED -> settle(h, row, TaskState.UPSTREAM_FAILED, dag, work, now);
                    case WAIT -> { }
                }
            }
            scheduled += tis.schedule(h, toSchedule, now).size();
        }
        return scheduled;
    }

    /** Skips the direct downstream tasks a branch did not choose, and what that reaches. */
    public void skipUnchosen(Tx h, DagRunRow run, Dag dag, String taskId, Set<String> chosen, Instant now) {
        Set<String> unchosen = Branches.unchosen(dag, taskId, chosen);
        Deque<String> work = new ArrayDeque<>();
        for (TaskInstanceRow row : rowsFor(h, run.id(), dag, unchosen).values()) {
            if (unchosen.contains(row.taskId()) && row.state() == NONE) {
                settle(h, row, TaskState.SKIPPED, dag, work, now);
            }
        }
        advance(h, run, dag, work, now);
    }

    /**
     * Finishes the run when no task instance is unfinished, writing the DAG's callback requests.
     *
     * @return the state the run finished in, or null if it is still running
     */
    public DagRunState finishIfDone(Tx h, DagRunRow run, Dag dag, Instant now) {
        if (tis.hasUnfinished(h, run.id())) {
            return null;
        }
        Map<String, TaskState> states = tis.ofRun(h, run.id()).values().stream()
                .collect(Collectors.toMap(TaskInstanceRow::taskId, TaskInstanceRow::state));
        DagRunState state = RunStateRule.resolve(states, dag.leaves());
        if (!state.isFinished() || !runs.finish(h, run.id(), state, now)) {
            return null;
        }
        if (!CallbackRule.forRun(dag, state).isEmpty()) {
            callbacks.add(h, CallbackRequests.forRun(state.wireName(), dag.id(), run.runId()), now);
        }
        return state;
    }

    /** @return the tasks with no upstream and the ALWAYS ones: what a starting run decides first */
    public static Set<String> startingTasks(Dag dag) {
        return dag.tasks().stream()
                .filter(t -> t.upstream().isEmpty() || t.triggerRule() == org.orchestrator.api.TriggerRule.ALWAYS)
                .map(TaskDefinition::id)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private void settle(Tx h, TaskInstanceRow row, TaskState to, Dag dag, Deque<String> work, Instant now) {
        if (tis.settle(h, row.id(), to, now)) {
            work.addAll(dag.downstream(row.taskId()));
        }
    }

    private static TriggerDecision decide(Dag dag, String taskId, Map<String, TaskInstanceRow> rows) {
        TaskDefinition task = dag.task(taskId).orElseThrow();
        List<TaskState> upstream = task.upstream().stream()
                .map(rows::get).map(r -> r == null ? TaskState.REMOVED : r.state()).toList();
        return TriggerRules.decide(task.triggerRule(), UpstreamSummary.of(upstream));
    }

    /** Loads the candidates and their direct upstreams: by name for a few, the whole run for many. */
    private Map<String, TaskInstanceRow> rowsFor(Tx h, long runPk, Dag dag, Set<String> candidates) {
        Set<String> needed = new HashSet<>(candidates);
        for (String id : candidates) {
            dag.task(id).ifPresent(t -> needed.addAll(t.upstream()));
        }
        if (needed.size() > WHOLE_RUN_THRESHOLD) {
            return tis.ofRun(h, runPk);
        }
        return tis.rowsOf(h, runPk, needed);
    }
}
