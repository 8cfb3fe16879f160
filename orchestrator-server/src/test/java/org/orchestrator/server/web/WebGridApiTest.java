package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.DagRunRow;

/** The dashboard's read endpoints: the packed grid, recent runs and the cluster view. */
class WebGridApiTest {

    private static WebFixture web;
    private static DagRunRow failedRun;
    private static DagRunRow demoRun;

    @BeforeAll
    static void start() {
        web = WebFixture.start(WebDags.demo(), WebDags.flaky(), MappedGridSeed.mapped());
        MappedGridSeed.seed(web.engine().orchestrator(), 2);
        demoRun = web.engine().trigger("web_demo", Map.of("n", 1));
        web.engine().awaitState(demoRun);
        failedRun = web.engine().trigger("web_flaky", Map.of());
        web.engine().awaitState(failedRun);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    private static WebClient.Response get(String path) {
        return new WebClient(web.baseUrl()).basic("GET", path, null, WebFixture.VIEWER, WebFixture.password(WebFixture.VIEWER));
    }

    @Test
    void the_grid_packs_each_run_as_one_letter_per_task() {
        JsonNode grid = get("/ui/api/dags/web_flaky/grid?limit=5").json();

        assertThat(grid.get("total_runs").asInt()).isEqualTo(1);
        assertThat(grid.get("dag_runs").get(0).get("dag_run_id").asText()).isEqualTo(failedRun.runId());
        assertThat(grid.get("dag_runs").get(0).has("id")).as("the primary key stays on the server").isFalse();
        assertThat(texts(grid.get("task_ids"))).containsExactly("flaky", "report");
        JsonNode cells = grid.get("instances").get(failedRun.runId());
        assertThat(cells.get("states").asText()).isEqualTo("fU");
        assertThat(cells.get("durations_ms").get(0).isNumber()).isTrue();
        assertThat(cells.get("tries").isNull()).as("sent only when a task is past its first try").isTrue();
    }

    @Test
    void the_grid_sends_cells_of_all_none_or_the_listed_runs() {
        String path = "/ui/api/dags/web_demo/grid?limit=5";

        assertThat(get(path + "&instances=none").json().get("instances").size()).isZero();
        assertThat(get(path + "&instances=listed&run_id=" + demoRun.runId().replace("+", "%2B")).json().get("instances")
                .has(demoRun.runId())).isTrue();
        assertThat(get(path + "&instances=listed&run_id=unknown").json().get("instances").size()).isZero();
        assertThat(get(path).json().get("instances").get(demoRun.runId()).get("states").asText()).isEqualTo("ssss");
    }

    @Test
    void a_mapped_tasks_instances_fold_into_one_cell_beside_the_unmapped_tasks_cells() {
        JsonNode grid = get("/ui/api/dags/" + MappedGridSeed.DAG_ID + "/grid").json();

        assertThat(grid.get("total_runs").asInt()).isEqualTo(2);
        assertThat(texts(grid.get("task_ids"))).containsExactly("list_files", "process", "reduce");
        assertThat(grid.get("instances").size()).isEqualTo(2);
        grid.get("instances").forEach(cells -> {
            assertThat(cells.get("states").asText()).as("a failed instance makes the mapped cell failed").isEqualTo("sfs");
            assertThat(texts(cells.get("map_counts"))).containsExactly("0", String.valueOf(MappedGridSeed.WIDTH), "0");
            assertThat(cells.get("durations_ms").get(1).asLong()).as("first start to last end").isEqualTo(2000);
        });
    }

    @Test
    void the_grid_refuses_bad_parameters_and_unknown_dags() {
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "instances=some", "state=done", "run_type=cron",
                "logical_date_gte=yesterday", "logical_date_lte=2026-13-01T00:00:00Z")) {
            WebClient.Response response = get("/ui/api/dags/web_demo/grid?" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(get("/ui/api/dags/nope/grid").status()).isEqualTo(404);
        assertThat(new WebClient(web.baseUrl()).get("/ui/api/dags/web_demo/grid").status()).isEqualTo(401);
    }

    @Test
    void the_grid_filters_runs_by_state_type_and_logical_date_before_taking_the_newest() {
        String path = "/ui/api/dags/web_flaky/grid?limit=5&instances=none";

        assertThat(get(path + "&state=failed").json().get("total_runs").asInt()).isEqualTo(1);
        assertThat(get(path + "&state=success&state=running").json().get("dag_runs").size()).isZero();
        assertThat(get(path + "&run_type=manual").json().get("dag_runs").get(0).get("dag_run_id").asText()).isEqualTo(failedRun.runId());
        assertThat(get(path + "&run_type=scheduled,backfill").json().get("total_runs").asInt()).isZero();
        String logical = failedRun.logicalDate().toString();
        assertThat(get(path + "&logical_date_lte=" + logical).json().get("total_runs").asInt()).isEqualTo(1);
        assertThat(get(path + "&logical_date_gte=" + failedRun.logicalDate().plusSeconds(1)).json().get("total_runs").asInt()).isZero();
    }

    @Test
    void recent_runs_come_newest_first_per_dag() {
        JsonNode runs = get("/ui/api/recentRuns?dag_id=web_demo&dag_id=web_flaky&dag_id=nope&limit=10").json().get("dag_runs");

        assertThat(runs.get("web_flaky").get(0).get("state").asText()).isEqualTo("failed");
        assertThat(runs.get("web_demo").get(0).get("dag_run_id").asText()).isEqualTo(demoRun.runId());
        assertThat(runs.has("nope")).isFalse();
        assertThat(get("/ui/api/recentRuns?dag_id=web_demo&limit=51").status()).isEqualTo(400);
    }

    @Test
    void the_cluster_view_lists_this_node_alive_and_the_default_pool() {
        JsonNode cluster = get("/ui/api/cluster").json();

        assertThat(cluster.get("nodes").get(0).get("alive").asBoolean()).isTrue();
        assertThat(cluster.get("nodes").get(0).get("node_id").asText()).isEqualTo(web.engine().orchestrator().nodeId());
        JsonNode pool = cluster.get("pools").get(0);
        assertThat(pool.get("name").asText()).isEqualTo("default_pool");
        assertThat(pool.get("slots").asInt()).isPositive();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
