package org.orchestrator.api;

import java.util.List;
import java.util.Objects;

/**
 * Where a mapped task's list comes from, known only when the run reaches the task: an upstream
 * task's XCom, a param (the DAG's default or the run's conf), or a literal list. One task instance
 * is created per element (Airflow's {@code expand}).
 *
 * <pre>{@code
 * .task("process", ctx -> load(ctx.arg("file", String.class)),
 *       t -> t.expand("file", MapSource.fromXcom("list_files")).partial("bucket", "s3://in"))
 * }</pre>
 */
public sealed interface MapSource {

    /**
     * {@return the source}
     *
     * @param taskId the upstream task whose {@value TaskContext#RETURN_VALUE} is the list (it becomes an upstream)
     */
    static MapSource fromXcom(String taskId) {
        return fromXcom(taskId, TaskContext.RETURN_VALUE);
    }

    /**
     * The list an upstream task pushed. When that task is mapped itself, the list is the value each
     * of its instances pushed, in map-index order: instance i of this task gets instance i's value.
     *
     * @param taskId the upstream task (it becomes an upstream of the mapped task)
     * @param key    the XCom key
     * @return the source
     */
    static MapSource fromXcom(String taskId, String key) {
        return new FromXcom(Objects.requireNonNull(taskId, "task id"), Objects.requireNonNull(key, "key"));
    }

    /**
     * {@return the source}
     *
     * @param name a param of the DAG whose value (default or the run's conf) is a JSON list
     */
    static MapSource fromParam(String name) {
        return new FromParam(Objects.requireNonNull(name, "param"));
    }

    /**
     * {@return the source}
     *
     * @param values the elements, JSON-serialisable
     */
    static MapSource of(List<?> values) {
        return new Literal(List.copyOf(values));
    }

    /**
     * {@return the source}
     *
     * @param values the elements, JSON-serialisable
     */
    static MapSource of(Object... values) {
        return of(List.of(values));
    }

    /**
     * An upstream task's XCom.
     *
     * @param taskId the task
     * @param key    the key
     */
    record FromXcom(String taskId, String key) implements MapSource {
    }

    /**
     * A DAG param.
     *
     * @param name its name
     */
    record FromParam(String name) implements MapSource {
    }

    /**
     * A list fixed in the DAG.
     *
     * @param values the elements
     */
    record Literal(List<Object> values) implements MapSource {
    }
}
