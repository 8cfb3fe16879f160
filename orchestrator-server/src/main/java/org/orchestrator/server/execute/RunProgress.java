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
import org.orchestrator.rules.PastDependency;
import org.orchestrator.rules.MapExpansion;
import org.orchestrator.rules.MappedState;
import org.orchestrator.rules.RunStateRule;
import org.orchestrator.rules.TriggerDecision;
import org.orchestrator.rules.TriggerRules;
import org.orchestrator.rules.UpstreamSummary;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.MapSources;
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
    private final Expander expander;

    /** @param tis task instances @param runs runs @param callbacks the callback outbox */
    public RunProgress(TaskInstances tis, DagRuns runs, CallbackRequests callbacks) {
        this(tis, runs, callbacks, Expander.fromEnvironment(System.getenv()));
    }

    RunProgress(TaskInstances tis, DagRuns runs, CallbackRequests callbacks, Expander expander) {
        this.tis = tis;
        this.runs = runs;
        this.callbacks = callbacks;
        this.expander = expander;
    }

    /**
     * Decides the given tasks (and, transitively, what their skips and failures reach). A mapped
     * task whose rule says run is expanded into its instances here.
     *
     * @return how many task instances became scheduled
     */
    public int advance(Tx h, DagRunRow run, Dag dag, Collection<String> candidates, Instant now) {
        Deque<String> work = new ArrayDeque<>(candidates);
        int scheduled = 0;
        PreviousRun past = new PreviousRun(h, run);
        while (!work.isEmpty()) {
            Set<String> batch = new HashSet<>(work);
            work.clear();
            batch.removeIf(taskId -> waitsForMappedUpstream(h, run.id(), dag, taskId));
            Map<String, List<TaskInstanceRow>> rows = rowsFor(h, run.id(), dag, batch);
            List<Long> toSchedule = new ArrayList<>();
            for (String taskId : batch) {
                List<TaskInstanceRow> waiting = rows.getOrDefault(taskId, List.of()).stream()
                        .filter(row -> row.state() == NONE).toList();
                if (waiting.isEmpty()) {
                    continue;
                }
                if (dag.task(taskId).isEmpty()) {
                    // The run's own version is gone (a restart) and the one used instead lacks the task.
                    waiting.forEach(row -> settle(h, row, TaskState.REMOVED, dag, work, now));
                    continue;
                }
                TriggerDecision decision = decide(dag, taskId, rows);
                for (TaskInstanceRow row : waiting) {
                    switch (decision) {
                        case RUN -> {
                            // Held back in none by its past: the sweep's reconcile looks again later.
                            if (past.allows(dag, taskId)) {
                                scheduled += run(h, run, dag, row, toSchedule, work, now);
                            }
                        }
                        case SKIP -> settle(h, row, TaskState.SKIPPED, dag, work, now);
                        case UPSTREAM_FAILED -> settle(h, row, TaskState.UPSTREAM_FAILED, dag, work, now);
                        case WAIT -> { }
                    }
                }
            }
            scheduled += tis.schedule(h, toSchedule, now).size();
        }
        return scheduled;
    }

    /**
     * Schedules an instance whose dependencies are met, or expands it when it is a mapped task not
     * expanded yet.
     *
     * @return how many instances the expansion scheduled (0 when the instance was only queued for scheduling)
     */
    private int run(Tx h, DagRunRow run, Dag dag, TaskInstanceRow row, List<Long> toSchedule, Deque<String> work,
                    Instant now) {
        TaskDefinition task = dag.task(row.taskId()).orElseThrow();
        if (!task.isMapped() || row.mapIndex() >= 0) {
            toSchedule.add(row.id());
            return 0;
        }
        MapExpansion expansion = expander.resolve(MapSources.of(h, run, dag), task);
        switch (expansion.verdict()) {
            case EXPAND -> {
                return tis.expand(h, row, Expander.argsJson(expansion), now) ? (int) expansion.length() : 0;
            }
            case SKIP -> settle(h, row, TaskState.SKIPPED, dag, work, now);
            case FAIL -> {
                if (tis.failExpansion(h, row.id(), expansion.error(), now)) {
                    work.addAll(dag.downstream(row.taskId()));
                }
            }
        }
        return 0;
    }

    /**
     * A task downstream of a mapped task is decided once every instance of that task has finished
     * (one index probe), not on each instance's outcome: reading thousands of instances on every
     * outcome would make a wide mapped task quadratic. Airflow may decide some rules earlier.
     */
    private boolean waitsForMappedUpstream(Tx h, long runPk, Dag dag, String taskId) {
        List<String> mapped = dag.task(taskId).stream().flatMap(t -> t.upstream().stream())
                .filter(up -> dag.task(up).map(TaskDefinition::isMapped).orElse(false)).toList();
        if (mapped.isEmpty()) {
            return false;
        }
        return tis.anyUnfinished(h, runPk, mapped)
                || tis.rowsOf(h, runPk, List.of(taskId)).stream().noneMatch(row -> row.state() == NONE);
    }

    /** Skips the direct downstream tasks a branch did not choose, and what that reaches. */
    public void skipUnchosen(Tx h, DagRunRow run, Dag dag, String taskId, Set<String> chosen, Instant now) {
        Set<String> unchosen = Branches.unchosen(dag, taskId, chosen);
        Deque<String> work = new ArrayDeque<>();
        for (TaskInstanceRow row : tis.rowsOf(h, run.id(), unchosen)) {
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
        Map<String, TaskState> states = tis.allOfRun(h, run.id()).stream().collect(Collectors.groupingBy(
                TaskInstanceRow::taskId, Collectors.collectingAndThen(
                        Collectors.mapping(TaskInstanceRow::state, Collectors.toList()), MappedState::aggregate)));
        DagRunState state = RunStateRule.resolve(states, dag.leaves());
        if (!state.isFinished() || !runs.finish(h, run.id(), state, now)) {
            return null;
        }
        if (!CallbackRule.forRun(dag, state).isEmpty()) {
            callbacks.add(h, CallbackRequests.forRun(state.wireName(), dag.id(), run.runId()), now);
        }
        return state;
    }

    /** @return the tasks with no upstream and the ALWAYS ones: what a starting run decides first (mapped ones included) */
    public static Set<String> startingTasks(Dag dag) {
        return dag.tasks().stream()
                .filter(t -> t.upstream().isEmpty() || t.triggerRule() == org.orchestrator.api.TriggerRule.ALWAYS)
                .map(TaskDefinition::id)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /**
     * @return the starting tasks whose dependencies are met as their run is created: all but
     * those that depend on their past, which the previous run decides (the sweep's reconcile or
     * the run's start looks at them)
     */
    public static Set<String> readyAtBirth(Dag dag) {
        Set<String> ready = startingTasks(dag);
        ready.removeIf(id -> dag.task(id).orElseThrow().dependsOnPast());
        return ready;
    }

    private void settle(Tx h, TaskInstanceRow row, TaskState to, Dag dag, Deque<String> work, Instant now) {
        if (tis.settle(h, row.id(), to, now)) {
            work.addAll(dag.downstream(row.taskId()));
        }
    }

    /** Every instance of a mapped upstream counts on its own, as in Airflow's trigger rules. */
    private static TriggerDecision decide(Dag dag, String taskId, Map<String, List<TaskInstanceRow>> rows) {
        TaskDefinition task = dag.task(taskId).orElseThrow();
        List<TaskState> upstream = task.upstream().stream()
                .flatMap(up -> rows.containsKey(up) ? rows.get(up).stream().map(TaskInstanceRow::state)
                        : java.util.stream.Stream.of(TaskState.REMOVED)).toList();
        return TriggerRules.decide(task.triggerRule(), UpstreamSummary.of(upstream));
    }

    /** The previous run's instances, read once per advance and only for a task that depends on its past. */
    private final class PreviousRun {
        private final Tx h;
        private final DagRunRow run;
        private Map<String, TaskState> states;
        private boolean loaded;

        PreviousRun(Tx h, DagRunRow run) {
            this.h = h;
            this.run = run;
        }

        boolean allows(Dag dag, String taskId) {
            TaskDefinition task = dag.task(taskId).orElseThrow();
            if (!task.dependsOnPast()) {
                return true;
            }
            if (!loaded) {
                states = tis.ofPreviousRun(h, run.dagId(), run.logicalDate());
                loaded = true;
            }
            return PastDependency.met(task, states, dag.downstream(taskId));
        }
    }

    /** Loads the candidates and their direct upstreams: by name for a few, the whole run for many. */
    private Map<String, List<TaskInstanceRow>> rowsFor(Tx h, long runPk, Dag dag, Set<String> candidates) {
        Set<String> needed = new HashSet<>(candidates);
        for (String id : candidates) {
            dag.task(id).ifPresent(t -> needed.addAll(t.upstream()));
        }
        if (needed.isEmpty()) {
            return Map.of();
        }
        List<TaskInstanceRow> rows = needed.size() > WHOLE_RUN_THRESHOLD ? tis.allOfRun(h, runPk) : tis.rowsOf(h, runPk, needed);
        return rows.stream().collect(Collectors.groupingBy(TaskInstanceRow::taskId));
    }
}
