package org.orchestrator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.OrchestratorException;

/** Branch choices: checked against the direct downstream tasks, the rest skipped; no database. */
class BranchesTest {

    private final Dag dag = Dag.builder("branchy")
            .task("pick", ctx -> { })
            .task("left", ctx -> { }, t -> t.upstream("pick"))
            .task("middle", ctx -> { }, t -> t.upstream("pick"))
            .task("right", ctx -> { }, t -> t.upstream("pick"))
            .task("after_right", ctx -> { }, t -> t.upstream("right"))
            .build();

    @Test
    void the_direct_downstream_tasks_not_chosen_are_the_ones_skipped() {
        assertThat(Branches.unchosen(dag, "pick", Set.of("left"))).containsExactlyInAnyOrder("middle", "right");
    }

    @Test
    void only_direct_downstream_tasks_are_skipped_by_the_branch_itself() {
        // after_right is skipped later, by its trigger rule once right is skipped, not by the branch.
        assertThat(Branches.unchosen(dag, "pick", Set.of())).containsExactlyInAnyOrder("left", "middle", "right");
        assertThat(Branches.unchosen(dag, "pick", Set.of("left", "middle", "right"))).isEmpty();
    }

    @Test
    void a_choice_of_a_task_that_is_not_directly_downstream_is_refused() {
        assertThatThrownBy(() -> Branches.checked(dag, "pick", List.of("after_right")))
                .isInstanceOf(OrchestratorException.class).hasMessageContaining("'after_right'");
        assertThat(Branches.checked(dag, "pick", List.of("left", "right"))).containsExactlyInAnyOrder("left", "right");
    }
}
