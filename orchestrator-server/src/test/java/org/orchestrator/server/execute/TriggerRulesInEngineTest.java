package org.orchestrator.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskState;
import org.orchestrator.api.TriggerRule;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;

/** Each trigger rule on the real engine: upstream outcomes → what the downstream task did. */
class TriggerRulesInEngineTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(TriggerRule.ALL_SUCCESS, new String[] {"ok", "ok2"}, TaskState.SUCCESS),
                Arguments.of(TriggerRule.ALL_SUCCESS, new String[] {"ok", "bad"}, TaskState.UPSTREAM_FAILED),
                Arguments.of(TriggerRule.ALL_FAILED, new String[] {"bad", "bad2"}, TaskState.SUCCESS),
                Arguments.of(TriggerRule.ALL_FAILED, new String[] {"ok", "bad"}, TaskState.SKIPPED),
                Arguments.of(TriggerRule.ALL_DONE, new String[] {"ok", "bad", "skip"}, TaskState.SUCCESS),
                Arguments.of(TriggerRule.ONE_SUCCESS, new String[] {"ok", "bad"}, TaskState.SUCCESS),
                Arguments.of(TriggerRule.ONE_SUCCESS, new String[] {"bad", "bad2"}, TaskState.UPSTREAM_FAILED),
                Arguments.of(TriggerRule.ONE_FAILED, new String[] {"ok", "bad"}, TaskState.SUCCESS),
                Arguments.of(TriggerRule.ONE_FAILED, new String[] {"ok", "ok2"}, TaskState.SKIPPED),
                Arguments.of(TriggerRule.NONE_FAILED, new String[] {"ok", "skip"}, TaskState.SUCCESS),
                Arguments.of(TriggerRule.NONE_FAILED, new String[] {"ok", "bad"}, TaskState.UPSTREAM_FAILED),
                Arguments.of(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS, new String[] {"ok", "skip"}, TaskState.SUCCESS),
                Arguments.of(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS, new String[] {"skip", "skip2"}, TaskState.SKIPPED),
                Arguments.of(TriggerRule.NONE_SKIPPED, new String[] {"ok", "bad"}, TaskState.SUCCESS),
                Arguments.of(TriggerRule.NONE_SKIPPED, new String[] {"ok", "skip"}, TaskState.SKIPPED),
                Arguments.of(TriggerRule.ALWAYS, new String[] {"bad"}, TaskState.SUCCESS));
    }

    @ParameterizedTest(name = "{0} after {1} → {2}")
    @MethodSource("rules")
    void trigger_rule_decides_the_downstream_task(TriggerRule rule, String[] upstream, TaskState expected) {
        Dag dag = Dag.builder("rule_" + rule.wireName())
                .task("ok", ctx -> { })
                .task("ok2", ctx -> { })
                .task("bad", ctx -> { throw new IllegalStateException("fails"); })
                .task("bad2", ctx -> { throw new IllegalStateException("fails"); })
                .task("skip", ctx -> { throw new SkipTaskException("nothing to do"); })
                .task("skip2", ctx -> { throw new SkipTaskException("nothing to do"); })
                .task("target", ctx -> ctx.xcomPush("ran", true), t -> t.upstream(upstream).triggerRule(rule))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger(dag.id(), Map.of());
            engine.awaitState(run);

            assertThat(engine.state(run, "target")).isEqualTo(expected);
        }
    }

    @Test
    void branching_runs_the_chosen_branch_and_skips_the_other_with_what_follows_it() {
        Dag dag = Dag.builder("branching")
                .task("choose", ctx -> ctx.followBranches("left"))
                .task("left", ctx -> { }, t -> t.upstream("choose"))
                .task("right", ctx -> { }, t -> t.upstream("choose"))
                .task("after_right", ctx -> { }, t -> t.upstream("right"))
                .task("join", ctx -> { }, t -> t.upstream("left", "after_right")
                        .triggerRule(TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS))
                .build();
        try (TestEngine engine = TestEngine.start(dag)) {
            DagRunRow run = engine.trigger("branching", Map.of());

            assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS);
            assertThat(engine.state(run, "left")).isEqualTo(TaskState.SUCCESS);
            assertThat(engine.state(run, "right")).isEqualTo(TaskState.SKIPPED);
            assertThat(engine.state(run, "after_right")).isEqualTo(TaskState.SKIPPED);
            assertThat(engine.state(run, "join")).isEqualTo(TaskState.SUCCESS);
        }
    }
}
