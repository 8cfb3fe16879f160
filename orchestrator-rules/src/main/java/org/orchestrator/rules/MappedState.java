package org.orchestrator.rules;

import java.util.Collection;
import org.orchestrator.api.TaskState;

/**
 * The state of a mapped task as one value, from the states of its instances (what the grid shows
 * and what decides a run whose leaf is mapped): unfinished while any instance is; then failed if
 * any failed, upstream_failed if any was, skipped if all were, else success.
 */
public final class MappedState {

    private MappedState() {
    }

    /** @param instances the states of a task's instances (one for an unmapped task) @return their aggregate */
    public static TaskState aggregate(Collection<TaskState> instances) {
        if (instances.isEmpty()) {
            return TaskState.REMOVED;
        }
        TaskState unfinished = firstUnfinished(instances);
        if (unfinished != null) {
            return unfinished;
        }
        if (instances.contains(TaskState.FAILED)) {
            return TaskState.FAILED;
        }
        if (instances.contains(TaskState.UPSTREAM_FAILED)) {
            return TaskState.UPSTREAM_FAILED;
        }
        if (instances.stream().allMatch(s -> s == TaskState.SKIPPED)) {
            return TaskState.SKIPPED;
        }
        return instances.contains(TaskState.SUCCESS) ? TaskState.SUCCESS : TaskState.SKIPPED;
    }

    /** The most advanced unfinished state wins: one running instance makes the task running. */
    private static TaskState firstUnfinished(Collection<TaskState> instances) {
        for (TaskState s : new TaskState[] {TaskState.RUNNING, TaskState.QUEUED, TaskState.UP_FOR_RETRY, TaskState.SCHEDULED,
                TaskState.NONE}) {
            if (instances.contains(s)) {
                return s;
            }
        }
        return null;
    }
}
