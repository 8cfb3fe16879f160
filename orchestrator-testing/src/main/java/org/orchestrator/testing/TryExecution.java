package org.orchestrator.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.OnExecute;
import org.orchestrator.rules.template.TemplateException;
import org.orchestrator.rules.template.Templates;

/**
 * Runs one try as the server does: on its own virtual thread, interrupted when the execution
 * timeout passes; success, skip ({@link SkipTaskException}) or failure with the server's error text.
 */
final class TryExecution {

    /** How a try ended: SUCCESS, SKIPPED or FAILED, with the error text and the branch choice. */
    record Ended(TaskState state, String error, Set<String> branches) {
    }

    private TryExecution() {
    }

    static Ended run(TaskDefinition task, LocalTaskContext context) {
        Ended[] ended = new Ended[1];
        Thread thread = Thread.ofVirtual().name("try-" + task.id() + "-" + context.tryNumber())
                .start(() -> ended[0] = execute(task, context));
        Duration limit = task.executionTimeout().orElse(null);
        if (!join(thread, limit)) {
            String error = "execution timeout of " + limit + " exceeded";
            context.log().error(error + "; interrupting the task");
            thread.interrupt();
            join(thread, Duration.ofSeconds(5));
            return new Ended(TaskState.FAILED, error, null);
        }
        return ended[0];
    }

    private static Ended execute(TaskDefinition task, LocalTaskContext context) {
        try {
            // as on the server: rendered (and recorded, masked) before the task runs
            Map<String, String> rendered = new LinkedHashMap<>();
            Templates.renderAll(task.task().templateFields(), context, context.dag()).forEach((f, v) -> rendered.put(f, context.mask(v)));
            context.recordRendered(rendered);
            OnExecute.call(task, context);
            task.task().execute(context);
            return new Ended(TaskState.SUCCESS, null, context.branches());
        } catch (SkipTaskException e) {
            context.log().info("skipped: {}", e.getMessage());
            return new Ended(TaskState.SKIPPED, null, null);
        } catch (TemplateException e) {
            context.log().error("task failed: {}", e.getMessage());
            return new Ended(TaskState.FAILED, e.getMessage(), null);
        } catch (InterruptedException e) {
            context.log().error("interrupted", e);
            return new Ended(TaskState.FAILED, "interrupted", null);
        } catch (Throwable e) {
            context.log().error("task failed", e);
            return new Ended(TaskState.FAILED, e.getClass().getName() + ": " + e.getMessage(), null);
        }
    }

    /** @return true when the thread ended within the limit (null: no limit) */
    private static boolean join(Thread thread, Duration limit) {
        try {
            if (limit == null) {
                thread.join();
                return true;
            }
            return thread.join(limit);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the test was interrupted while task thread " + thread.getName() + " ran", e);
        }
    }
}
