package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.MapSource;

/** Airflow's mapped task instance endpoints: map_index on each instance, one by index, listMapped, logs per index. */
class MappedTaskInstanceApiTest {

    private static final String RUN = "/api/v1/dags/mapped/dagRuns/five/taskInstances/";

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(Dag.builder("mapped")
                .task("list", ctx -> ctx.xcomPush(java.util.List.of("a", "b", "c", "d", "e")))
                .task("echo", ctx -> ctx.log().info("echoing {} at index {}", ctx.arg("item", String.class), ctx.mapIndex()),
                        t -> t.expand("item", MapSource.fromXcom("list")))
                .build());
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/mapped/dagRuns", "{\"dag_run_id\": \"five\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "success".equals(api.as(ApiFixture.VIEWER).get("/api/v1/dags/mapped/dagRuns/five").json().get("state").asText()));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void list_mapped_gives_each_instance_by_map_index_with_a_total() {
        JsonNode page = api.as(ApiFixture.VIEWER).get(RUN + "echo/listMapped?limit=2&offset=2").json();

        assertThat(page.get("total_entries").asInt()).isEqualTo(5);
        assertThat(page.get("task_instances")).extracting(ti -> ti.get("map_index").asInt()).containsExactly(2, 3);
        JsonNode all = api.as(ApiFixture.VIEWER).get(RUN + "echo/listMapped?order_by=-map_index").json();
        assertThat(all.get("task_instances")).extracting(ti -> ti.get("map_index").asInt()).containsExactly(4, 3, 2, 1, 0);
        assertThat(api.as(ApiFixture.VIEWER).get(RUN + "list/listMapped").json().get("total_entries").asInt()).isZero();
    }

    @Test
    void one_instance_by_map_index_and_unmapped_tasks_keep_map_index_minus_one() {
        JsonNode third = api.as(ApiFixture.VIEWER).get(RUN + "echo/3").json();

        assertThat(third.get("map_index").asInt()).isEqualTo(3);
        assertThat(third.get("state").asText()).isEqualTo("success");
        assertThat(api.as(ApiFixture.VIEWER).get(RUN + "list").json().get("map_index").asInt()).isEqualTo(-1);
        JsonNode list = api.as(ApiFixture.VIEWER).get(RUN).json();
        assertThat(list.get("total_entries").asInt()).isEqualTo(6);
    }

    @Test
    void each_map_index_has_its_own_log() {
        JsonNode log = api.as(ApiFixture.VIEWER).get(RUN + "echo/logs/1?map_index=3").json();

        assertThat(log.get("content").asText()).contains("echoing d at index 3").doesNotContain("echoing c");
    }

    @Test
    void a_missing_or_malformed_map_index_is_a_4xx_problem() {
        assertProblem(api.as(ApiFixture.VIEWER).get(RUN + "echo/5"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(RUN + "echo/-1"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get(RUN + "echo/three"), 400);
        assertProblem(api.as(ApiFixture.VIEWER).get(RUN + "echo/logs/1?map_index=9"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get(RUN + "echo/logs/1?map_index=x"), 400);
    }
}
