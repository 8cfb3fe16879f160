package org.orchestrator.tasks;

import java.util.List;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/**
 * Airflow's {@code LatestOnlyOperator}: lets its downstream tasks run only in the latest
 * scheduled run, and skips them (the skip following trigger rules further down) in older
 * intervals (catchup, backfill). A run triggered by hand or by another task always goes on.
 *
 * <pre>{@code
 * .task("latest_only", new LatestOnly())
 * .task("notify_customers", new Notify(), t -> t.upstream("latest_only"))
 * }</pre>
 */
public final class LatestOnly implements Task {

    /** Creates the task; it has no options. */
    public LatestOnly() {
    }

    @Override
    public void execute(TaskContext ctx) {
        if (ctx.isLatestRun()) {
            ctx.log().info("the latest run ({}): downstream tasks run", ctx.dataInterval());
            return;
        }
        ctx.log().info("not the latest run ({}): skipping downstream tasks", ctx.dataInterval());
        ctx.followBranches(List.of());
    }
}
