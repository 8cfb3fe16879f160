package org.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AssetScheduleTest {

    private static final Task NOOP = ctx -> { };
    private static final Asset ORDERS = Asset.of("jdbc://analytics/orders");
    private static final Asset CLICKS = Asset.of("file:///data/clicks/");
    private static final Asset USERS = Asset.of("s3://lake/users");

    @Test
    void an_asset_is_its_uri_with_an_optional_name_and_extra() {
        Asset named = ORDERS.named("orders").withExtra(Map.of("owner", "sales"));

        assertThat(named).isEqualTo(ORDERS);
        assertThat(named.name()).isEqualTo("orders");
        assertThat(named.extra()).containsEntry("owner", "sales");
        assertThat(ORDERS.name()).isEqualTo("jdbc://analytics/orders");
    }

    @Test
    void a_uri_without_scheme_blank_or_unparsable_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> Asset.of("orders")).isInstanceOf(DagDefinitionException.class)
                .hasMessageContaining("asset URI 'orders' has no scheme");
        assertThatThrownBy(() -> Asset.of(" ")).isInstanceOf(DagDefinitionException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Asset.of("file:///data/my orders")).isInstanceOf(DagDefinitionException.class)
                .hasMessageContaining("is not a valid URI");
        assertThatThrownBy(() -> Asset.of("s3://" + "x".repeat(Asset.MAX_URI_LENGTH))).isInstanceOf(DagDefinitionException.class)
                .hasMessageContaining("longer than 1500");
    }

    @Test
    void on_assets_waits_for_all_of_them_and_any_all_nest_as_in_airflow() {
        Schedule.OnAssets both = Schedule.onAssets(ORDERS, CLICKS);
        AssetCondition nested = Schedule.all(ORDERS, Schedule.any(CLICKS, USERS));

        assertThat(both.condition().isSatisfiedBy(Set.of(ORDERS.uri()))).isFalse();
        assertThat(both.condition().isSatisfiedBy(Set.of(ORDERS.uri(), CLICKS.uri()))).isTrue();
        assertThat(nested.isSatisfiedBy(Set.of(ORDERS.uri(), USERS.uri()))).isTrue();
        assertThat(nested.isSatisfiedBy(Set.of(CLICKS.uri(), USERS.uri()))).isFalse();
        assertThat(nested.assets()).containsExactly(ORDERS, CLICKS, USERS);
        assertThat(Schedule.onAssets(nested).expression())
                .isEqualTo("assets: jdbc://analytics/orders & (file:///data/clicks/ | s3://lake/users)");
    }

    @Test
    void an_asset_scheduled_dag_needs_no_start_date_and_its_outlets_are_part_of_its_structure() {
        Dag consumer = Dag.builder("report").schedule(Schedule.onAssets(ORDERS)).task("r", NOOP).build();
        Dag producer = Dag.builder("etl").task("load", NOOP, t -> t.outlets(ORDERS, CLICKS)).build();
        Dag without = Dag.builder("etl").task("load", NOOP).build();

        assertThat(consumer.schedule()).isInstanceOf(Schedule.OnAssets.class);
        assertThat(producer.task("load").orElseThrow().outlets()).containsExactly(ORDERS, CLICKS);
        assertThat(producer.structure()).isNotEqualTo(without.structure()).contains("load outlets [jdbc://analytics/orders, file:///data/clicks/]");
    }

    @Test
    void an_empty_condition_is_refused() {
        assertThatThrownBy(Schedule::onAssets).isInstanceOf(DagDefinitionException.class).hasMessageContaining("at least one asset");
        assertThatThrownBy(Schedule::any).isInstanceOf(DagDefinitionException.class).hasMessageContaining("any(...)");
    }
}
