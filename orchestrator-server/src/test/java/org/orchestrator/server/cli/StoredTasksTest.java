package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Param;

/** {@code tasks list} reads a DAG's tasks back from the structure the server stored, as the DAG defines them. */
class StoredTasksTest {

    @Test
    void tasks_come_back_with_their_upstream_rule_retries_pool_and_group() {
        String structure = Dag.builder("shaped").param("n", Param.integer().minimum(0).defaultValue(0))
                .task("start", c -> { })
                .group("extract", g -> g.task("orders", c -> { }).task("customers", c -> { }).chain("orders", "customers"))
                .task("param", c -> { })
                .build().structure();

        List<StoredTasks.StoredTask> tasks = StoredTasks.parse(structure);

        assertThat(tasks).extracting(StoredTasks.StoredTask::id).containsExactlyInAnyOrder("start", "extract.orders",
                "extract.customers", "param");
        StoredTasks.StoredTask customers = tasks.stream().filter(t -> t.id().equals("extract.customers")).findFirst().orElseThrow();
        assertThat(customers.upstream()).containsExactly("extract.orders");
        assertThat(customers.group()).isEqualTo("extract");
        assertThat(customers.retries()).isZero();
        assertThat(customers.triggerRule()).isNotBlank();
        assertThat(customers.pool()).isNotBlank();
        assertThat(tasks.stream().filter(t -> t.id().equals("start")).findFirst().orElseThrow().group()).isEmpty();
    }
}
