package org.orchestrator.tasks;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;

/**
 * A task that picks which of its direct downstream tasks run, like Airflow's
 * {@code BranchPythonOperator}: the chooser returns task ids, the others are skipped. The chosen
 * ids are also pushed as the task's XCom return value, so the UI shows which way the run went.
 *
 * <pre>{@code
 * .task("branch", BranchTask.of(ctx -> isWeekend(ctx.logicalDate()) ? List.of("weekend_path") : List.of("weekday_path")),
 *       t -> t.upstream("greet"))
 * }</pre>
 */
public final class BranchTask implements Task {

    /**
     * Chooses the downstream task ids to follow for one try.
     *
     * <pre>{@code
     * Chooser byRows = ctx -> ctx.xcomPullOptional("extract", "rows", Integer.class).orElse(0) > 0
     *         ? List.of("load") : List.of("notify_empty");
     * }</pre>
     */
    @FunctionalInterface
    public interface Chooser {
        /**
         * {@return direct downstream task ids to follow; empty skips them all}
         *
         * @param ctx the try's context: dates, params, XCom…
         * @throws Exception fails the try
         */
        Collection<String> choose(TaskContext ctx) throws Exception;
    }

    private final Chooser chooser;

    private BranchTask(Chooser chooser) {
        this.chooser = chooser;
    }

    /**
     * {@return the task}
     *
     * @param chooser returns the downstream task ids to follow
     */
    public static BranchTask of(Chooser chooser) {
        return new BranchTask(Objects.requireNonNull(chooser, "chooser"));
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        Collection<String> chosen = chooser.choose(ctx);
        if (chosen == null) {
            throw new IllegalStateException("branch chooser of task '" + ctx.taskId() + "' returned null; return an empty list to skip all");
        }
        List<String> branches = List.copyOf(chosen);
        ctx.log().info("following branches {}", branches);
        ctx.xcomPush(branches);
        ctx.followBranches(branches);
    }
}
