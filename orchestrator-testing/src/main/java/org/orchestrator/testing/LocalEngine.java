package org.orchestrator.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.orchestrator.api.DagRunCallback;
import org.orchestrator.api.DagRunEvent;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.FailedTask;
import org.orchestrator.api.TaskCallback;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskEvent;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.Branches;
import org.orchestrator.rules.CallbackRule;
import org.orchestrator.rules.MapExpansion;
import org.orchestrator.rules.MappedState;
import org.orchestrator.rules.RetryRule;
import org.orchestrator.rules.RunStateRule;
import org.orchestrator.rules.TriggerDecision;
import org.orchestrator.rules.TriggerRules;
import org.orchestrator.rules.UpstreamSummary;

/**
 * The server's decisions, in one thread: tasks in topological order, each settled by the same
 * trigger rules, tries retried at once (the retry delay is recorded, not waited), branches skip
 * the unchosen downstream tasks, callbacks are recorded per event (and run, once, outside the try,
 * never failing the run, only when the tester asks) and the run's state comes from the same
 * run-state rule.
 */
final class LocalEngine {

    private final LocalRun run;
    private final Map<String, TaskState> states = new LinkedHashMap<>();
    private final Map<String, List<TaskTry>> tries = new LinkedHashMap<>();
    private final List<String> callbackErrors = new ArrayList<>();
    private final List<CallbackCall> callbackCalls = new ArrayList<>();
    private final Map<String, List<TaskState>> instances = new LinkedHashMap<>();
    private final Map<String, String> expansionErrors = new LinkedHashMap<>();
    private final int maxMapLength;

    LocalEngine(LocalRun run) {
        this(run, MapExpansion.DEFAULT_MAX_LENGTH);
    }

    LocalEngine(LocalRun run, int maxMapLength) {
        this.run = run;
        this.maxMapLength = maxMapLength;
        run.dag().tasks().forEach(t -> {
            states.put(t.id(), TaskState.NONE);
            tries.put(t.id(), new ArrayList<>());
        });
    }

    DagTestRun runDag() {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (TaskDefinition task : run.dag().tasks()) {
                if (states.get(task.id()) == TaskState.NONE) {
                    moved |= step(task);
                }
            }
        }
        DagRunState runState = RunStateRule.resolve(states, run.dag().leaves());
        DagRunEvent event = new DagRunEvent(run.dag().id(), run.runId(), run.logicalDate(), runState,
                Optional.empty(), run.resources(), runState == DagRunState.FAILED ? failedTasks() : List.of());
        List<DagRunCallback> callbacks = CallbackRule.forRun(run.dag(), runState);
        if (record(new CallbackCall("", 0, runState.wireName(), callbacks.size(), run.runCallbacks()))) {
            callbacks.forEach(callback -> callback("dag " + runState.wireName(), () -> callback.call(event)));
        }
        return result(runState);
    }

    /** The failed tasks as the server's failure event names them (no log links: there is no dashboard). */
    private List<FailedTask> failedTasks() {
        return states.entrySet().stream().filter(e -> e.getValue() == TaskState.FAILED)
                .map(e -> failedTask(e.getKey()))
                .toList();
    }

    /** A mapped task that could not expand failed without a try: its reason stands for the error. */
    private FailedTask failedTask(String taskId) {
        List<TaskTry> its = tries.getOrDefault(taskId, List.of());
        if (its.isEmpty()) {
            return new FailedTask(taskId, 0, Optional.ofNullable(expansionErrors.get(taskId)), Optional.empty());
        }
        TaskTry last = its.getLast();
        return new FailedTask(last.taskId(), last.tryNumber(), last.error(), Optional.empty());
    }

    DagTestRun runTask(TaskDefinition task) {
        states.put(task.id(), task.isMapped() ? runMapped(task) : execute(task, -1).state());
        TaskState state = states.get(task.id());
        return result(state == TaskState.FAILED ? DagRunState.FAILED : DagRunState.SUCCESS);
    }

    private boolean step(TaskDefinition task) {
        // Each instance of a mapped upstream counts on its own, as on the server.
        List<TaskState> upstream = task.upstream().stream()
                .flatMap(up -> instances.containsKey(up) ? instances.get(up).stream() : java.util.stream.Stream.of(states.get(up)))
                .toList();
        TriggerDecision decision = TriggerRules.decide(task.triggerRule(), UpstreamSummary.of(upstream));
        switch (decision) {
            case WAIT -> {
                return false;
            }
            case SKIP -> states.put(task.id(), TaskState.SKIPPED);
            case UPSTREAM_FAILED -> states.put(task.id(), TaskState.UPSTREAM_FAILED);
            case RUN -> {
                if (task.isMapped()) {
                    states.put(task.id(), runMapped(task));
                    return true;
                }
                TryExecution.Ended ended = execute(task, -1);
                states.put(task.id(), ended.state());
                skipUnchosen(task, ended.branches());
            }
        }
        return true;
    }

    /**
     * Expands a mapped task as the server does and runs its instances one after another, each
     * with its own tries; @return the task's aggregate state
     */
    private TaskState runMapped(TaskDefinition task) {
        MapExpansion expansion = MapExpansion.resolve(task, new LocalValues(), maxMapLength);
        List<TaskState> each = new ArrayList<>();
        instances.put(task.id(), each);
        switch (expansion.verdict()) {
            case SKIP -> each.add(TaskState.SKIPPED);
            case FAIL -> {
                expansionErrors.put(task.id(), expansion.error());
                each.add(TaskState.FAILED);
            }
            case EXPAND -> {
                for (int i = 0; i < expansion.length(); i++) {
                    Map<String, Object> args = new LinkedHashMap<>(task.partials());
                    args.putAll(expansion.argsAt(i));
                    each.add(execute(task, i, args).state());
                }
            }
        }
        return MappedState.aggregate(each);
    }

    private TryExecution.Ended execute(TaskDefinition task, int mapIndex) {
        return execute(task, mapIndex, task.partials());
    }

    private TryExecution.Ended execute(TaskDefinition task, int mapIndex, Map<String, Object> args) {
        for (int attempt = 1; ; attempt++) {
            LocalTaskContext context = new LocalTaskContext(run, task.id(), attempt, task.maxTries(), mapIndex, args);
            TryExecution.Ended ended = TryExecution.run(task, context);
            RetryRule.Verdict verdict = RetryRule.afterTry(ended.state(), attempt, task.maxTries(), task);
            tries.get(task.id()).add(new TaskTry(task.id(), attempt, verdict.state(), Optional.ofNullable(ended.error()),
                    context.logText(), verdict.retryDelay(), mapIndex));
            taskCallbacks(task, attempt, verdict.state(), ended.error());
            if (!verdict.retries()) {
                return ended;
            }
        }
    }

    private void taskCallbacks(TaskDefinition task, int attempt, TaskState outcome, String error) {
        TaskEvent event = new TaskEvent(run.dag().id(), run.runId(), task.id(), attempt, outcome, run.logicalDate(),
                Optional.ofNullable(error), Optional.empty(), run.resources());
        List<TaskCallback> callbacks = CallbackRule.forTask(task, outcome);
        if (record(new CallbackCall(task.id(), attempt, outcome.wireName(), callbacks.size(), run.runCallbacks()))) {
            callbacks.forEach(callback -> callback(task.id() + " " + outcome.wireName(), () -> callback.call(event)));
        }
    }

    /**
     * Notes (and echoes) an event that has callbacks, so a test or {@code dags test} shows the alerts
     * it did not send.
     *
     * @return whether to call them
     */
    private boolean record(CallbackCall call) {
        if (call.callbacks() == 0) {
            return false;
        }
        callbackCalls.add(call);
        if (run.echo() != null) {
            run.echo().println("callback: " + call);
        }
        return call.ran();
    }

    private interface Call {
        void run() throws Exception;
    }

    /** A callback that throws is recorded and the run goes on, as on the server. */
    private void callback(String what, Call call) {
        try {
            call.run();
        } catch (Exception e) {
            callbackErrors.add(what + " callback failed: " + e);
            if (run.echo() != null) {
                run.echo().println("callback for " + what + " failed: " + e);
            }
        }
    }

    private void skipUnchosen(TaskDefinition task, Set<String> branches) {
        if (branches == null) {
            return;
        }
        for (String unchosen : Branches.unchosen(run.dag(), task.id(), branches)) {
            if (states.get(unchosen) == TaskState.NONE) {
                states.put(unchosen, TaskState.SKIPPED);
            }
        }
    }

    private DagTestRun result(DagRunState runState) {
        return new DagTestRun(run, runState, states, tries, callbackErrors, callbackCalls, instances, expansionErrors);
    }

    /** What a mapped task expands over in the local run. */
    private final class LocalValues implements MapExpansion.Lookup {
        @Override
        public Optional<Object> xcom(String taskId, String key) {
            return Optional.ofNullable(run.xcoms().get(LocalRun.xcomKey(taskId, key))).map(json -> XComJson.read(json, Object.class));
        }

        @Override
        public List<Object> xcomOfEachInstance(String taskId, String key) {
            return run.xcomsOfEachInstance(taskId, key).stream().map(json -> XComJson.read(json, Object.class)).toList();
        }

        @Override
        public Optional<Object> param(String name) {
            Map<String, Object> params = new LinkedHashMap<>(run.dag().params());
            params.putAll(run.conf());
            return Optional.ofNullable(params.get(name));
        }

        @Override
        public boolean isMapped(String taskId) {
            return run.dag().task(taskId).map(TaskDefinition::isMapped).orElse(false);
        }
    }
}
