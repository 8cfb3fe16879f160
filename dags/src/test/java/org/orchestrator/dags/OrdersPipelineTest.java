package org.orchestrator.dags;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.api.TaskDefinition;

class OrdersPipelineTest {

    private final Dag dag = OrdersPipeline.dag();

    @Test
    void runs_daily_at_two_without_catchup_owned_by_data_eng() {
        assertThat(dag.id()).isEqualTo("etl_orders_pipeline");
        assertThat(dag.schedule()).isEqualTo(Schedule.cron("0 2 * * *"));
        assertThat(dag.catchup()).isFalse();
        assertThat(dag.startDate()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(dag.owner()).isEqualTo("data-eng");
        assertThat(dag.tags()).containsExactly("etl", "orders");
        assertThat(dag.params()).isEqualTo(Map.of("min_amount", 0));
    }

    @Test
    void tasks_form_a_chain() {
        assertThat(dag.tasks()).extracting(TaskDefinition::id)
                .containsExactly("extract_orders", "transform_orders", "load_orders", "update_aggregations");
        assertThat(dag.downstream("extract_orders")).containsExactly("transform_orders");
        assertThat(dag.downstream("transform_orders")).containsExactly("load_orders");
        assertThat(dag.downstream("load_orders")).containsExactly("update_aggregations");
        assertThat(dag.leaves()).containsExactly("update_aggregations");
    }

    @Test
    void every_task_retries_three_times_five_minutes_apart() {
        assertThat(dag.tasks()).allSatisfy(task -> {
            assertThat(task.retries()).isEqualTo(3);
            assertThat(task.retryDelay()).isEqualTo(Duration.ofMinutes(5));
        });
    }
}
