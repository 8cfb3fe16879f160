package org.orchestrator.tasks.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.TaskContext;

/**
 * A statement parameter whose value comes from the try's context, bound with {@code ?} and never
 * concatenated into the SQL. Instants are bound as UTC timestamps.
 *
 * <pre>{@code
 * SqlTask.on("analytics")
 *         .statement("DELETE FROM orders WHERE created_at >= ? AND created_at < ?",
 *                 SqlParam.intervalStart(), SqlParam.intervalEnd())
 *         .build()
 * }</pre>
 */
@FunctionalInterface
public interface SqlParam {

    /**
     * {@return the value to bind}
     *
     * @param ctx the try's context
     */
    Object value(TaskContext ctx);

    /** {@return the start of the run's data interval (inclusive)} */
    static SqlParam intervalStart() {
        return ctx -> ctx.dataInterval().start();
    }

    /** {@return the end of the run's data interval (exclusive)} */
    static SqlParam intervalEnd() {
        return ctx -> ctx.dataInterval().end();
    }

    /** {@return the run's logical date} */
    static SqlParam logicalDate() {
        return TaskContext::logicalDate;
    }

    /**
     * {@return its value; the try fails when it is not set}
     *
     * @param name a DAG param or run conf key
     */
    static SqlParam param(String name) {
        Objects.requireNonNull(name, "name");
        return ctx -> {
            if (!ctx.params().containsKey(name)) {
                throw new OrchestratorException("SQL parameter: param '" + name + "' is not set for task '" + ctx.taskId() + "'");
            }
            return ctx.params().get(name);
        };
    }

    /**
     * {@return the pushed value; the try fails naming the task and key when none was pushed, so a
     * check bound to it never passes on SQL NULL ({@link #xcomOptional} binds NULL instead)}
     *
     * @param taskId the task that pushed the value
     * @param key its XCom key
     */
    static SqlParam xcom(String taskId, String key) {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(key, "key");
        return ctx -> ctx.xcomPull(taskId, key, Object.class);
    }

    /**
     * {@return the pushed value, or SQL NULL when none was pushed}
     *
     * @param taskId the task that pushed the value
     * @param key its XCom key
     */
    static SqlParam xcomOptional(String taskId, String key) {
        return ctx -> ctx.xcomPullOptional(taskId, key, Object.class).orElse(null);
    }

    /**
     * {@return its value; the try fails when it is not set}
     *
     * @param key a variable's key
     */
    static SqlParam variable(String key) {
        return ctx -> ctx.variable(key).orElseThrow(
                () -> new OrchestratorException("SQL parameter: variable '" + key + "' is not set"));
    }

    /**
     * Resolves a mix of literal values and {@link SqlParam}s for one try.
     *
     * @param params literals or {@link SqlParam}s
     * @param ctx    the try's context
     * @return the values to bind, in order
     */
    static List<Object> resolve(List<?> params, TaskContext ctx) {
        List<Object> values = new ArrayList<>(params.size());
        for (Object param : params) {
            values.add(param instanceof SqlParam p ? p.value(ctx) : param);
        }
        return values;
    }
}
