package org.orchestrator.rules.template;

import com.hubspot.jinjava.el.ext.NamedParameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.orchestrator.api.TaskContext;

/**
 * {@code ti} / {@code task_instance}: {@code {{ ti.xcom_pull(task_ids='extract', key='rows') }}}
 * as in Airflow (the key defaults to {@code return_value}; nothing pushed renders as empty). Public
 * because the template engine calls it by reflection.
 */
public final class TaskInstanceRef {

    private final TaskContext ctx;

    TaskInstanceRef(TaskContext ctx) {
        this.ctx = ctx;
    }

    /**
     * {@return the value pushed, or null}
     *
     * @param args {@code task_ids} and {@code key}, by name ({@code task_ids='a'}) or in that order
     */
    public Object xcom_pull(Object... args) {
        Map<String, Object> named = named(args);
        String taskId = String.valueOf(named.getOrDefault("task_ids", ctx.taskId()));
        String key = String.valueOf(named.getOrDefault("key", TaskContext.RETURN_VALUE));
        return ctx.xcomPullOptional(taskId, key, Object.class).orElse(null);
    }

    /** {@return the try number} */
    public int getTryNumber() {
        return ctx.tryNumber();
    }

    /** {@return the task's id} */
    public String getTaskId() {
        return ctx.taskId();
    }

    private static Map<String, Object> named(Object... args) {
        String[] order = {"task_ids", "key"};
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof NamedParameter p) {
                named.put(p.getName(), p.getValue());
            } else if (i < order.length) {
                named.put(order[i], args[i]);
            }
        }
        return named;
    }
}
