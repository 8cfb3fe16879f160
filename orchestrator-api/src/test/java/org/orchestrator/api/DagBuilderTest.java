package org.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DagBuilderTest {

    private static final Task NOOP = ctx -> { };

    @Test
    void tasks_come_out_in_topological_order_with_their_edges() {
        Dag dag = Dag.builder("etl")
                .task("load", NOOP)
                .task("extract", NOOP)
                .task("transform", NOOP)
                .chain("extract", "transform", "load")
                .build();

        assertThat(dag.tasks()).extracting(TaskDefinition::id).containsExactly("extract", "transform", "load");
        assertThat(dag.downstream("extract")).containsExactly("transform");
        assertThat(dag.task("load").orElseThrow().upstream()).containsExactly("transform");
        assertThat(dag.leaves()).containsExactly("load");
    }

    @Test
    void a_cycle_is_rejected_with_its_path_named() {
        Dag.Builder builder = Dag.builder("orders").task("extract", NOOP).task("load", NOOP).chain("extract", "load", "extract");

        assertThatThrownBy(builder::build).isInstanceOf(DagDefinitionException.class)
                .hasMessage("cycle extract → load → extract in dag 'orders'");
    }

    @Test
    void a_longer_cycle_names_every_task_on_it() {
        Dag.Builder builder = Dag.builder("loop").task("a", NOOP).task("b", NOOP).task("c", NOOP).task("d", NOOP)
                .chain("d", "a", "b", "c", "a");

        assertThatThrownBy(builder::build).hasMessage("cycle a → b → c → a in dag 'loop'");
    }

    @Test
    void a_task_depending_on_itself_is_a_cycle() {
        Dag.Builder builder = Dag.builder("self").task("a", NOOP, t -> t.upstream("a"));

        assertThatThrownBy(builder::build).hasMessage("cycle a → a in dag 'self'");
    }

    @Test
    void an_unknown_upstream_is_rejected() {
        Dag.Builder builder = Dag.builder("d").task("a", NOOP, t -> t.upstream("ghost"));

        assertThatThrownBy(builder::build).hasMessage("task 'a' in dag 'd' has unknown upstream 'ghost'");
    }

    @Test
    void a_duplicate_task_id_is_rejected_when_added() {
        Dag.Builder builder = Dag.builder("d").task("a", NOOP);

        assertThatThrownBy(() -> builder.task("a", NOOP)).hasMessage("duplicate task id 'a' in dag 'd'");
    }

    @Test
    void bad_ids_cron_and_dates_are_rejected() {
        assertThatThrownBy(() -> Dag.builder("no spaces")).hasMessageContaining("bad dag id 'no spaces'");
        assertThatThrownBy(() -> Schedule.parse("0 2 * *")).hasMessageContaining("bad cron '0 2 * *'");
        assertThatThrownBy(() -> Schedule.parse("61 * * * *")).hasMessageContaining("bad cron '61 * * * *'");
        assertThatThrownBy(() -> Schedule.parse("@fortnightly")).hasMessageContaining("unknown schedule preset");
        assertThatThrownBy(() -> Dag.builder("d").schedule("@daily").task("a", NOOP).build())
                .hasMessageContaining("has schedule '@daily' but no start date");
        assertThatThrownBy(() -> Dag.builder("d").startDate(LocalDate.of(2026, 2, 1)).endDate(LocalDate.of(2026, 1, 1))
                .task("a", NOOP).build()).hasMessageContaining("ends (2026-01-01T00:00:00Z) before it starts");
    }

    @Test
    void presets_expand_to_unix_cron() {
        assertThat(((Schedule.Cron) Schedule.parse("@daily")).unixCron()).isEqualTo("0 0 * * *");
        assertThat(((Schedule.Cron) Schedule.parse("@hourly")).unixCron()).isEqualTo("0 * * * *");
        assertThat(Schedule.parse("@once")).isInstanceOf(Schedule.Once.class);
        assertThat(Schedule.parse(null)).isInstanceOf(Schedule.Manual.class);
    }

    @Test
    void defaults_apply_to_every_task_and_a_task_overrides_them() {
        Dag dag = Dag.builder("d")
                .defaults(d -> d.retries(3).retryDelay(Duration.ofMinutes(5)).pool("etl"))
                .task("a", NOOP)
                .task("b", NOOP, t -> t.retries(0).upstream("a"))
                .build();

        assertThat(dag.task("a").orElseThrow().retries()).isEqualTo(3);
        assertThat(dag.task("a").orElseThrow().pool()).isEqualTo("etl");
        assertThat(dag.task("b").orElseThrow().retries()).isZero();
        assertThat(dag.task("b").orElseThrow().maxTries()).isEqualTo(1);
    }

    @Test
    void a_task_s_settings_are_its_dag_s_defaults_with_its_own_overrides_and_callbacks_after_the_defaults() {
        TaskCallback fromDefaults = e -> { };
        TaskCallback own = e -> { };
        Dag dag = Dag.builder("d")
                .defaults(d -> d.retries(2).executionTimeout(Duration.ofMinutes(1)).onFailure(fromDefaults))
                .task("a", NOOP, t -> t.priorityWeight(7).onFailure(own))
                .task("b", NOOP)
                .build();

        TaskSettings a = dag.task("a").orElseThrow().settings();
        assertThat(a).isEqualTo(new TaskSettings(2, Duration.ofMinutes(5), false, Duration.ofHours(24),
                Duration.ofMinutes(1), TriggerRule.ALL_SUCCESS, TaskOptions.DEFAULT_POOL, 7, List.of(),
                List.of(fromDefaults, own), List.of()));
        assertThat(dag.task("b").orElseThrow().onFailure()).containsExactly(fromDefaults);
        assertThat(Dag.builder("e").task("c", NOOP).build().task("c").orElseThrow().settings())
                .isEqualTo(TaskSettings.DEFAULTS);
    }

    @Test
    void exponential_backoff_doubles_the_delay_up_to_the_cap() {
        TaskDefinition task = Dag.builder("d").task("a", NOOP, t -> t.retries(5).retryDelay(Duration.ofSeconds(10))
                .exponentialBackoff(true).maxRetryDelay(Duration.ofSeconds(35))).build().task("a").orElseThrow();

        assertThat(task.retryDelayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(task.retryDelayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(task.retryDelayAfter(3)).isEqualTo(Duration.ofSeconds(35));
    }

    @Test
    void local_start_dates_are_read_in_the_dags_timezone() {
        Dag dag = Dag.builder("d").schedule("@daily").timezone("Europe/Paris").startDate(LocalDate.of(2026, 1, 1))
                .task("a", NOOP).build();

        assertThat(dag.startDate()).contains(Instant.parse("2025-12-31T23:00:00Z"));
    }
}
