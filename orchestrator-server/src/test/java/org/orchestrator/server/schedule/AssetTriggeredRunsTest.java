package org.orchestrator.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Asset;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.Schedule;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.ops.OperationException;
import org.orchestrator.server.state.DagRunQueries.RunFilter;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.EventLogQueries.EventFilter;
import org.orchestrator.server.state.Page;
import org.orchestrator.server.state.Range;
import org.orchestrator.server.state.RunType;
import org.orchestrator.server.testing.TestEngine;

/**
 * Issue 15, assets: a producer's successful try records an event on its outlet in the transaction
 * of its success, and each DAG scheduled on the asset gets exactly one {@code asset_triggered} run
 * per satisfied condition (on H2, and PostgreSQL with {@code -Dorchestrator.test.db=postgresql}).
 */
class AssetTriggeredRunsTest {

    private static final Asset ORDERS = Asset.of("jdbc://analytics/orders");
    private static final Asset CLICKS = Asset.of("file:///data/clicks/");
    private static final Duration QUIET = Duration.ofSeconds(1);

    private static Dag producer(String id, Asset asset, boolean fails) {
        return Dag.builder(id).task("load", ctx -> {
            if (fails) {
                throw new IllegalStateException("load failed");
            }
        }, t -> t.outlets(asset)).build();
    }

    private static Dag consumer(String id, Schedule.OnAssets schedule) {
        return Dag.builder(id).schedule(schedule).task("report", ctx -> { }).build();
    }

    @Test
    void each_producer_success_makes_exactly_one_run_of_its_consumer_carrying_the_event() {
        try (TestEngine engine = TestEngine.start(producer("orders_etl", ORDERS, false), consumer("orders_report", Schedule.onAssets(ORDERS)))) {
            for (int i = 1; i <= 3; i++) {
                DagRunRow produced = engine.trigger("orders_etl", Instant.parse("2026-03-0" + i + "T00:00:00Z"));
                assertThat(engine.awaitState(produced)).isEqualTo(DagRunState.SUCCESS);
                int expected = i;
                await().atMost(Duration.ofSeconds(20)).until(() -> runsOf(engine, "orders_report").size() == expected);
            }
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> runsOf(engine, "orders_report").size() == 3);

            List<DagRunRow> runs = runsOf(engine, "orders_report");
            assertThat(runs).extracting(DagRunRow::runType).containsOnly(RunType.ASSET_TRIGGERED);
            assertThat(runs.getFirst().runId()).startsWith("asset_triggered__");
            assertThat(runs.getFirst().conf()).contains("\"triggering_asset_events\"").contains("\"jdbc://analytics/orders\"")
                    .contains("\"source_dag_id\":\"orders_etl\"").contains("\"source_task_id\":\"load\"");
            assertThat(runs).allSatisfy(run -> assertThat(engine.awaitState(run)).isEqualTo(DagRunState.SUCCESS));
            assertThat(engine.orchestrator().reads().consumedAssetEvents("orders_report", runs.getFirst().runId()))
                    .singleElement().satisfies(e -> assertThat(e.sourceRunId()).isEqualTo("manual__2026-03-01T00:00:00Z"));
        }
    }

    @Test
    void a_consumer_of_two_assets_runs_once_when_both_were_updated() {
        try (TestEngine engine = TestEngine.start(producer("orders_etl", ORDERS, false), producer("clicks_etl", CLICKS, false),
                consumer("funnel", Schedule.onAssets(ORDERS, CLICKS)))) {
            engine.awaitState(engine.trigger("orders_etl", Instant.parse("2026-03-01T00:00:00Z")));
            engine.awaitState(engine.trigger("orders_etl", Instant.parse("2026-03-02T00:00:00Z")));
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> runsOf(engine, "funnel").isEmpty());
            assertThat(engine.orchestrator().reads().queuedAssetEvents("funnel")).hasSize(2);

            engine.awaitState(engine.trigger("clicks_etl", Instant.parse("2026-03-01T00:00:00Z")));

            await().atMost(Duration.ofSeconds(20)).until(() -> runsOf(engine, "funnel").size() == 1);
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> runsOf(engine, "funnel").size() == 1);
            assertThat(engine.orchestrator().reads().consumedAssetEvents("funnel", runsOf(engine, "funnel").getFirst().runId()))
                    .extracting(e -> e.uri()).containsExactly(ORDERS.uri(), ORDERS.uri(), CLICKS.uri());
            assertThat(engine.orchestrator().reads().queuedAssetEvents("funnel")).isEmpty();
        }
    }

    @Test
    void a_failed_producer_records_no_event_and_triggers_nothing() {
        try (TestEngine engine = TestEngine.start(producer("orders_etl", ORDERS, true), consumer("orders_report", Schedule.onAssets(ORDERS)))) {
            assertThat(engine.awaitState(engine.trigger("orders_etl", Instant.parse("2026-03-01T00:00:00Z")))).isEqualTo(DagRunState.FAILED);

            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> runsOf(engine, "orders_report").isEmpty());
            assertThat(engine.orchestrator().reads().assetEvents(
                    new org.orchestrator.server.state.AssetQueries.EventFilter(ORDERS.uri(), null, null, null, Range.any()),
                    null, Page.of(Optional.empty(), Optional.empty())).totalEntries()).isZero();
        }
    }

    @Test
    void an_external_event_triggers_the_consumer_and_is_audited_and_an_unknown_asset_is_refused() {
        try (TestEngine engine = TestEngine.start(producer("orders_etl", ORDERS, false), consumer("orders_report", Schedule.onAssets(ORDERS)))) {
            var ops = engine.orchestrator().ops().assets();
            Actor alice = Actor.user("alice", Actor.Via.API, "10.0.0.7");

            ops.recordEvent(alice, ORDERS.uri(), Map.of("rows", 42));

            await().atMost(Duration.ofSeconds(20)).until(() -> runsOf(engine, "orders_report").size() == 1);
            assertThat(runsOf(engine, "orders_report").getFirst().conf()).contains("\"extra\":{\"rows\":42}")
                    .contains("\"source_dag_id\":null");
            assertThat(engine.orchestrator().reads().events(new EventFilter(null, null, null, null, "alice", List.of(), List.of(),
                    Optional.empty(), Optional.empty(), false), null, Page.of(Optional.empty(), Optional.empty())).items())
                    .singleElement().satisfies(e -> assertThat(e.event()).endsWith("create_asset_event"));
            assertThatThrownBy(() -> ops.recordEvent(alice, "s3://nobody/declares/this", Map.of()))
                    .isInstanceOf(OperationException.class).hasMessageContaining("not found")
                    .satisfies(e -> assertThat(((OperationException) e).kind()).isEqualTo(OperationException.Kind.NOT_FOUND));
        }
    }

    @Test
    void a_paused_consumer_gets_no_queued_events() {
        try (TestEngine engine = TestEngine.start(producer("orders_etl", ORDERS, false), consumer("orders_report", Schedule.onAssets(ORDERS)))) {
            engine.orchestrator().ops().dags().pause(Actor.cli(), "orders_report", true);

            engine.awaitState(engine.trigger("orders_etl", Instant.parse("2026-03-01T00:00:00Z")));
            engine.orchestrator().ops().dags().pause(Actor.cli(), "orders_report", false);

            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> runsOf(engine, "orders_report").isEmpty());
            assertThat(engine.orchestrator().reads().queuedAssetEvents("orders_report")).isEmpty();
        }
    }

    @Test
    void a_new_version_that_no_longer_waits_for_an_asset_drops_its_queued_events_and_its_reference() {
        try (TestEngine engine = TestEngine.start(producer("orders_etl", ORDERS, false), consumer("funnel", Schedule.onAssets(ORDERS, CLICKS)))) {
            engine.awaitState(engine.trigger("orders_etl", Instant.parse("2026-03-01T00:00:00Z")));
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.orchestrator().reads().queuedAssetEvents("funnel").size() == 1);

            engine.orchestrator().pin(List.of(consumer("funnel", Schedule.onAssets(CLICKS))));

            assertThat(engine.orchestrator().reads().queuedAssetEvents("funnel")).isEmpty();
            assertThat(engine.orchestrator().reads().asset(ORDERS.uri()).orElseThrow().consumingDags()).isEmpty();
            assertThat(engine.orchestrator().reads().asset(CLICKS.uri()).orElseThrow().consumingDags()).containsExactly("funnel");
        }
    }

    static List<DagRunRow> runsOf(TestEngine engine, String dagId) {
        return engine.orchestrator().reads().runs(new RunFilter(List.of(dagId), List.of(), Range.any(), Range.any(), Range.any()),
                "id", Page.of(Optional.empty(), Optional.empty())).items();
    }
}
