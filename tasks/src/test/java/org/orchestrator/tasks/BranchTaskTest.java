package org.orchestrator.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.tasks.testing.TestTaskContext;

class BranchTaskTest {

    private final TestTaskContext ctx = TestTaskContext.of("branch_dag", "branch");

    @Test
    void follows_the_branches_the_chooser_returns() throws Exception {
        BranchTask.of(c -> List.of("left", "right")).execute(ctx);

        assertThat(ctx.followedBranches()).contains(List.of("left", "right"));
        assertThat(ctx.pushed("return_value", List.class)).contains(List.of("left", "right"));
        assertThat(ctx.logLines()).contains("following branches [left, right]");
    }

    @Test
    void chooser_sees_the_try_context() throws Exception {
        ctx.param("side", "left");

        BranchTask.of(c -> List.of((String) c.params().get("side"))).execute(ctx);

        assertThat(ctx.followedBranches()).contains(List.of("left"));
    }

    @Test
    void an_empty_choice_follows_no_branch() throws Exception {
        BranchTask.of(c -> List.of()).execute(ctx);

        assertThat(ctx.followedBranches()).contains(List.of());
    }

    @Test
    void a_null_choice_fails_the_try() {
        assertThatThrownBy(() -> BranchTask.of(c -> null).execute(ctx))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'branch'");
        assertThat(ctx.followedBranches()).isEmpty();
    }
}
