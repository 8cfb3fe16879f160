package org.orchestrator.dags;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.orchestrator.api.Dag;
import org.orchestrator.api.TaskContext;
import org.orchestrator.api.TriggerRule;
import org.orchestrator.tasks.BranchTask;
import org.orchestrator.tasks.ShellTask;

/**
 * {@code example_hello}: greet, then branch on the logical date's day of week, join the branches,
 * and in parallel echo from a shell.
 * <pre>
 * greet ─┬─ branch ─┬─ weekday_path ─┬─ join
 *        │          └─ weekend_path ─┘
 *        └─ shell_echo
 * </pre>
 */
final class ExampleHello {

    static final String DAG_ID = "example_hello";

    private ExampleHello() {
    }

    static Dag dag() {
        return Dag.builder(DAG_ID)
                .description("Hello world: XCom, branching on the logical date, a join and a shell command")
                .owner("examples").tags("example")
                .schedule("*/1 * * * *").startDate(LocalDate.of(2026, 1, 1)).catchup(false)
                .task("greet", ExampleHello::greet)
                .task("branch", BranchTask.of(ExampleHello::chooseBranch), t -> t.upstream("greet"))
                .task("weekday_path", ctx -> work(ctx, "weekday"), t -> t.upstream("branch"))
                .task("weekend_path", ctx -> work(ctx, "weekend"), t -> t.upstream("branch"))
                // The branch not taken is skipped, so the join must accept skipped upstreams.
                .task("join", ExampleHello::join, t -> t.upstream("weekday_path", "weekend_path")
                        .triggerRule(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS))
                .task("shell_echo", ShellTask.bash("echo hello from $DAG_ID").env("DAG_ID", DAG_ID).build(),
                        t -> t.upstream("greet"))
                .build();
    }

    static void greet(TaskContext ctx) {
        String greeting = "hello from " + ctx.dagId() + " for " + ctx.logicalDate();
        ctx.log().info("{} (run {})", greeting, ctx.runId());
        ctx.xcomPush(greeting);
    }

    static List<String> chooseBranch(TaskContext ctx) {
        DayOfWeek day = LocalDate.ofInstant(ctx.logicalDate(), ZoneOffset.UTC).getDayOfWeek();
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        ctx.log().info("logical date {} is a {}", ctx.logicalDate(), day);
        return List.of(weekend ? "weekend_path" : "weekday_path");
    }

    private static void work(TaskContext ctx, String kind) {
        String greeting = ctx.xcomPullOptional("greet", String.class).orElse("no greeting");
        ctx.log().info("{} work; greet said: {}", kind, greeting);
    }

    static void join(TaskContext ctx) {
        List<?> followed = ctx.xcomPullOptional("branch", List.class).orElse(List.of());
        ctx.log().info("joined after {}", followed);
    }
}
