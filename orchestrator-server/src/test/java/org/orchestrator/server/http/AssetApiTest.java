package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Asset;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;

/**
 * Issue 15: {@code /api/v1/assets}, {@code /assets/events} (list and POST) and a DAG's queued
 * events, in Airflow's shapes; bad input is a 4xx problem.
 */
class AssetApiTest {

    private static final Asset ORDERS = Asset.of("jdbc://analytics/orders").named("orders");
    private static final Asset CLICKS = Asset.of("file:///data/clicks/");
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(
                Dag.builder("orders_etl").task("load", ctx -> { }, t -> t.outlets(ORDERS)).build(),
                Dag.builder("orders_report").schedule(Schedule.onAssets(ORDERS)).task("report", ctx -> { }).build(),
                Dag.builder("funnel").schedule(Schedule.onAssets(ORDERS, CLICKS)).task("report", ctx -> { }).build());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void assets_list_their_consuming_dags_and_producing_tasks() {
        JsonNode assets = api.as(ApiFixture.VIEWER).get("/api/v1/assets?uri_pattern=analytics").json();

        assertThat(assets.get("total_entries").asInt()).isEqualTo(1);
        JsonNode orders = assets.get("assets").get(0);
        assertThat(orders.get("uri").asText()).isEqualTo("jdbc://analytics/orders");
        assertThat(orders.get("name").asText()).isEqualTo("orders");
        assertThat(orders.get("consuming_dags").findValuesAsText("dag_id")).containsExactly("funnel", "orders_report");
        assertThat(orders.get("producing_tasks").get(0).get("dag_id").asText()).isEqualTo("orders_etl");
        assertThat(orders.get("producing_tasks").get(0).get("task_id").asText()).isEqualTo("load");
    }

    @Test
    void an_operator_posts_an_event_which_triggers_the_consumer_and_is_listed_with_the_run_it_created() {
        JsonNode event = api.as(ApiFixture.OP).post("/api/v1/assets/events",
                "{\"asset_uri\": \"jdbc://analytics/orders\", \"extra\": {\"rows\": 7}}").json();
        assertThat(event.get("asset_uri").asText()).isEqualTo("jdbc://analytics/orders");
        assertThat(event.get("extra").get("rows").asInt()).isEqualTo(7);
        assertThat(event.get("source_dag_id").isNull()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> api.as(ApiFixture.VIEWER)
                .get("/api/v1/dags/orders_report/dagRuns").json().get("total_entries").asInt() == 1);
        JsonNode run = api.as(ApiFixture.VIEWER).get("/api/v1/dags/orders_report/dagRuns").json().get("dag_runs").get(0);
        assertThat(run.get("run_type").asText()).isEqualTo("asset_triggered");
        assertThat(run.get("conf").get("triggering_asset_events").get("jdbc://analytics/orders").get(0).get("id").asLong())
                .isEqualTo(event.get("id").asLong());

        JsonNode listed = api.as(ApiFixture.VIEWER).get("/api/v1/assets/events?asset_uri=jdbc://analytics/orders").json();
        JsonNode mine = listed.get("asset_events").findParents("id").stream()
                .filter(e -> e.get("id").asLong() == event.get("id").asLong()).findFirst().orElseThrow();
        assertThat(mine.get("created_dagruns").findValuesAsText("dag_id")).contains("orders_report");
        assertThat(AuditRows.of(api.engine(), "api.create_asset_event")).anySatisfy(row ->
                assertThat(row.get("username")).isEqualTo(ApiFixture.OP));

        JsonNode queued = api.as(ApiFixture.VIEWER).get("/api/v1/dags/funnel/assets/queuedEvents").json();
        assertThat(queued.get("queued_events").findValuesAsText("uri")).contains("jdbc://analytics/orders");
        assertThat(queued.get("queued_events").get(0).get("dag_id").asText()).isEqualTo("funnel");
    }

    @Test
    void bad_posts_are_problems_not_errors() {
        ApiClient op = api.as(ApiFixture.OP);
        assertProblem(op.post("/api/v1/assets/events", "{\"asset_uri\": \"s3://nobody/declares\"}"), 404);
        assertProblem(op.post("/api/v1/assets/events", "{\"asset_uri\": \"no scheme\"}"), 400);
        assertProblem(op.post("/api/v1/assets/events", "{}"), 400);
        assertProblem(op.post("/api/v1/assets/events", "{\"asset_uri\": \"jdbc://analytics/orders\", \"extra\": 3}"), 400);
        assertProblem(op.post("/api/v1/assets/events", "{\"asset_uri\": \"jdbc://analytics/orders\", \"color\": 3}"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).post("/api/v1/assets/events", "{\"asset_uri\": \"jdbc://analytics/orders\"}"), 403);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/assets/events?timestamp_gte=yesterday"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/assets?order_by=color"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/nope/assets/queuedEvents"), 404);
    }

    @Test
    void events_filter_by_source_dag_and_time() {
        JsonNode none = api.as(ApiFixture.VIEWER).get("/api/v1/assets/events?source_dag_id=orders_etl&timestamp_gte=2099-01-01T00:00:00Z").json();
        assertThat(none.get("total_entries").asInt()).isZero();
        assertThat(none.get("asset_events")).isEmpty();
    }
}
