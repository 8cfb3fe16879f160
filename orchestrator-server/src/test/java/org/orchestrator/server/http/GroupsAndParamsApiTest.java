package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Param;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/**
 * Task groups and typed params through a real engine and the REST API (H2, or PostgreSQL with
 * {@code -Dorchestrator.test.db=postgresql}); the server refuses conf keys that name no param.
 */
class GroupsAndParamsApiTest {

    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    private static ApiFixture api;
    private static RunWaits waits;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(TestEngine.start(TestEngine.fresh(), Map.of("ORCHESTRATOR_CONF_UNKNOWN_KEYS", "reject"),
                typed(), grouped()));
        waits = new RunWaits(api);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Dag typed() {
        return Dag.builder("typed")
                .param("min_amount", Param.integer().minimum(0).defaultValue(0).description("smallest order kept"))
                .param("sleep_s", Param.integer().defaultValue(1))
                .param("country", Param.string().enumOf("FR", "DE").defaultValue("FR"))
                .task("read", ctx -> ctx.xcomPush("seen", ctx.param("min_amount", Long.class) + ctx.param("sleep_s", Long.class)))
                .build();
    }

    static Dag grouped() {
        return Dag.builder("grouped")
                .defaults(d -> d.retries(0))
                .task("start", ctx -> { })
                .group("extract", g -> g.defaults(d -> d.retries(2).retryDelay(Duration.ZERO))
                        .task("flaky", ctx -> { if (FLAKY_CALLS.incrementAndGet() < 3) throw new IllegalStateException("not yet"); })
                        .task("steady", ctx -> { }))
                .task("end", ctx -> { })
                .chain("start", "extract", "end")
                .build();
    }

    @Test
    void a_trigger_with_a_wrong_type_an_out_of_range_value_and_an_unknown_key_is_one_400_listing_all_three_and_creates_nothing() {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/typed/dagRuns",
                "{\"dag_run_id\": \"bad\", \"conf\": {\"min_amount\": -1, \"sleep_s\": \"abc\", \"surprise\": true}}");

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("min_amount", "sleep_s", "surprise");
        assertThat(problem.get("detail").asText()).contains("min_amount", "sleep_s", "surprise");
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/dags/typed/dagRuns").json().get("total_entries").asInt()).isZero();
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/typed/dagRuns/bad"), 404);
    }

    @Test
    void a_good_conf_runs_and_the_task_reads_typed_values() {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/typed/dagRuns",
                "{\"dag_run_id\": \"good\", \"conf\": {\"min_amount\": 5, \"country\": \"DE\"}}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        waits.awaitRun("typed", "good", "success");
        JsonNode xcom = api.as(ApiFixture.VIEWER).get("/api/v1/dags/typed/dagRuns/good/taskInstances/read/xcomEntries/seen").json();
        assertThat(xcom.get("value").asText()).isEqualTo("6");
    }

    @Test
    void details_carry_each_params_schema_default_and_description() {
        JsonNode params = api.as(ApiFixture.VIEWER).get("/api/v1/dags/typed/details").json().get("params");

        assertThat(params.get("min_amount").get("value").asInt()).isZero();
        assertThat(params.get("min_amount").get("description").asText()).isEqualTo("smallest order kept");
        assertThat(params.get("min_amount").get("schema").get("type").asText()).isEqualTo("integer");
        assertThat(params.get("min_amount").get("schema").get("minimum").asInt()).isZero();
        assertThat(params.get("country").get("schema").get("enum").toString()).isEqualTo("[\"FR\",\"DE\"]");
    }

    @Test
    void a_dag_whose_param_default_breaks_its_schema_is_an_import_error() {
        Path source = api.engine().orchestrator().config().dagsFolder().resolve("bad_default.java");
        TestSources.write(source, TestSources.provider("bad_default",
                "return List.of(Dag.builder(\"bad_default\").param(\"n\", Param.integer().minimum(0).defaultValue(-1))"
                        + ".task(\"a\", c -> {}).build());"));

        api.engine().orchestrator().scanDags();

        JsonNode errors = api.as(ApiFixture.VIEWER).get("/api/v1/importErrors").json().get("import_errors");
        assertThat(errors).singleElement().satisfies(error -> assertThat(error.get("stack_trace").asText())
                .contains("the params of dag 'bad_default' do not fit their schemas: n: "));
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/bad_default"), 404);
    }

    @Test
    void a_grouped_dag_runs_its_group_with_the_group_defaults_between_start_and_end() {
        waits.trigger("grouped", "g1");

        waits.awaitRun("grouped", "g1", "success");
        assertThat(waits.task("grouped", "g1", "extract.flaky").get("try_number").asInt()).isEqualTo(3);
        assertThat(waits.taskState("grouped", "g1", "extract.steady")).isEqualTo("success");
        assertThat(waits.taskState("grouped", "g1", "end")).isEqualTo("success");
    }

    @Test
    void tasks_name_their_group_and_edges_to_a_group_reach_its_roots_and_leaves() {
        JsonNode flaky = api.as(ApiFixture.VIEWER).get("/api/v1/dags/grouped/tasks/extract.flaky").json();
        JsonNode end = api.as(ApiFixture.VIEWER).get("/api/v1/dags/grouped/tasks/end").json();
        JsonNode start = api.as(ApiFixture.VIEWER).get("/api/v1/dags/grouped/tasks/start").json();

        assertThat(flaky.get("task_group").get("group_id").asText()).isEqualTo("extract");
        assertThat(flaky.get("task_group").get("path").toString()).isEqualTo("[\"extract\"]");
        assertThat(flaky.get("retries").asInt()).isEqualTo(2);
        assertThat(end.get("task_group").isNull()).isTrue();
        assertThat(end.get("upstream_task_ids").toString()).isEqualTo("[\"extract.flaky\",\"extract.steady\"]");
        assertThat(start.get("retries").asInt()).isZero();
    }
}
