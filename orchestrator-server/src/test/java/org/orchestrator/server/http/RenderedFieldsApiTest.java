package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Dag;
import org.orchestrator.server.state.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.tasks.ShellTask;
import org.orchestrator.tasks.csv.ColumnType;
import org.orchestrator.tasks.csv.CsvLoad;
import org.orchestrator.tasks.sql.SqlTask;

/**
 * An orders pipeline whose shell command, CSV path and SQL are Jinja templates: they render for the
 * run's logical date and show, masked, as the try's {@code rendered_fields}; a template error fails
 * the try naming the template and its line.
 */
class RenderedFieldsApiTest {

    private static final String DB_PASSWORD = "Warehouse-Pass-1";
    private static final String API_SECRET = "Very-Secret-Token-9";
    private static final String RUN = "/api/v1/dags/templated_orders/dagRuns/day15";

    @TempDir
    static Path dir;
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(orders(dir.resolve("landing")), broken(), incremental());
        ApiClient admin = api.as(ApiFixture.ADMIN);
        created(admin.post("/api/v1/connections", """
                {"connection_id": "warehouse", "conn_type": "jdbc", "url": "jdbc:h2:file:%s", "login": "etl", "password": "%s"}"""
                .formatted(dir.resolve("warehouse"), DB_PASSWORD)));
        created(admin.post("/api/v1/variables", "{\"key\": \"api_secret\", \"value\": \"" + API_SECRET + "\"}"));
        ApiClient op = api.as(ApiFixture.OP);
        created(op.post("/api/v1/dags/templated_orders/dagRuns", "{\"dag_run_id\": \"day15\", \"logical_date\": \"2026-03-15T00:00:00Z\"}"));
        created(op.post("/api/v1/dags/templated_broken/dagRuns", "{\"dag_run_id\": \"b1\", \"logical_date\": \"2026-03-15T00:00:00Z\"}"));
        new RunWaits(api).awaitRun("templated_orders", "day15", "success");
        new RunWaits(api).awaitRun("templated_broken", "b1", "failed");
        for (String day : new String[] {"13", "15"}) { // one after the other: the second sees the first's success
            created(op.post("/api/v1/dags/templated_incremental/dagRuns",
                    "{\"dag_run_id\": \"day" + day + "\", \"logical_date\": \"2026-03-" + day + "T00:00:00Z\"}"));
            new RunWaits(api).awaitRun("templated_incremental", "day" + day, "success");
        }
    }

    private static void created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** land → load → count: yesterday's and today's orders of at least params.min_amount. */
    static Dag orders(Path landing) {
        return Dag.builder("templated_orders")
                .param("landing", landing.toString())
                .param("min_amount", 100)
                .task("land", ShellTask.bash("""
                                mkdir -p {{ params.landing }}/{{ ds_nodash }} && printf 'id,amount,order_day\\n1,150,{{ ds }}\\n\
                                2,50,{{ ds }}\\n3,300,{{ macros.ds_add(ds, -1) }}\\n4,900,{{ macros.ds_add(ds, -2) }}\\n' \
                                > {{ params.landing }}/{{ ds_nodash }}/orders.csv""")
                        .env("PGPASSWORD", "{{ conn.warehouse.password }}")
                        .env("API_TOKEN", "{{ var.value.api_secret }}")
                        .build())
                .task("load", CsvLoad.into("warehouse", "orders").from("{{ params.landing }}/{{ ds_nodash }}/orders.csv")
                        .column("id", ColumnType.LONG).column("amount", ColumnType.LONG).column("order_day", ColumnType.DATE)
                        .createTable(true).upsertKey("id").build())
                .task("count", SqlTask.on("warehouse").statement("""
                                SELECT COUNT(*) FROM orders
                                WHERE amount >= {{ params.min_amount }}
                                  AND order_day BETWEEN '{{ macros.ds_add(ds, -1) }}' AND '{{ ds }}'""")
                        .returnValue().build())
                .chain("land", "load", "count")
                .build();
    }

    /** One SQL task whose template names a variable that does not exist, on its third line. */
    static Dag broken() {
        return Dag.builder("templated_broken")
                .task("select", SqlTask.on("warehouse").statement("SELECT 1\nFROM orders\nWHERE order_day = '{{ dss }}'").build())
                .build();
    }

    /** An incremental extract naming the DAG's own macro and filter, and the previous successful interval. */
    static Dag incremental() {
        return Dag.builder("templated_incremental")
                .userDefinedMacros(java.util.Map.of("project", "acme"))
                .userDefinedFilters(java.util.Map.of("partition", (value, args) -> "p" + value.toString().replace("-", "")))
                .task("extract", ShellTask.bash("echo {{ project }} {{ ds | partition }} since "
                        + "{{ (prev_data_interval_start_success or data_interval_start).strftime('%Y-%m-%d') }}").build())
                .build();
    }

    @Test
    void a_dags_own_macros_and_filters_and_the_previous_successful_interval_render() {
        String first = api.as(ApiFixture.VIEWER).get("/api/v1/dags/templated_incremental/dagRuns/day13/taskInstances/extract")
                .json().get("rendered_fields").get("command[2]").asText();
        String second = api.as(ApiFixture.VIEWER).get("/api/v1/dags/templated_incremental/dagRuns/day15/taskInstances/extract")
                .json().get("rendered_fields").get("command[2]").asText();

        assertThat(first).as("no earlier success: its own interval").isEqualTo("echo acme p20260313 since 2026-03-13");
        assertThat(second).as("from the previous success on").isEqualTo("echo acme p20260315 since 2026-03-13");
    }

    @Test
    void sql_and_paths_render_for_the_logical_date_and_show_as_rendered_fields() {
        JsonNode load = api.as(ApiFixture.VIEWER).get(RUN + "/taskInstances/load").json();
        String landing = dir.resolve("landing").toString();
        assertThat(load.get("rendered_fields").get("path").asText()).isEqualTo(landing + "/20260315/orders.csv");

        JsonNode count = api.as(ApiFixture.VIEWER).get(RUN + "/taskInstances/count").json().get("rendered_fields");
        assertThat(count.get("sql").asText()).isEqualTo("""
                SELECT COUNT(*) FROM orders
                WHERE amount >= 100
                  AND order_day BETWEEN '2026-03-14' AND '2026-03-15'""");
        assertThat(Files.exists(Path.of(landing, "20260315", "orders.csv"))).isTrue();
        // ids 1 (150, today) and 3 (300, yesterday): 2 is too small, 4 is two days back
        assertThat(api.as(ApiFixture.VIEWER).get(RUN + "/taskInstances/count/xcomEntries/return_value").json()
                .get("value").asText()).isEqualTo("2");
    }

    @Test
    void secrets_in_rendered_fields_are_masked() {
        JsonNode land = api.as(ApiFixture.VIEWER).get(RUN + "/taskInstances/land").json().get("rendered_fields");
        assertThat(land.get("env.PGPASSWORD").asText()).isEqualTo("***");
        assertThat(land.get("env.API_TOKEN").asText()).isEqualTo("***");
        assertThat(land.get("command[2]").asText()).contains("/20260315/orders.csv").contains("3,300,2026-03-14");
        assertThat(land.toString()).doesNotContain(DB_PASSWORD).doesNotContain(API_SECRET);
    }

    @Test
    void a_template_error_fails_the_try_naming_the_template_and_line() {
        assertThat(new RunWaits(api).taskState("templated_broken", "b1", "select")).isEqualTo("failed");
        TaskInstanceRecord ti = api.engine().orchestrator().reads().taskInstance("templated_broken", "b1", "select").orElseThrow();
        String error = api.engine().orchestrator().reads().tryOf(ti.ti().id(), 1).orElseThrow().error();
        assertThat(error).startsWith("template 'sql' line 3: ").contains("dss");
    }

    @Test
    void a_try_whose_template_fails_records_no_rendered_fields() {
        JsonNode ti = api.as(ApiFixture.VIEWER).get("/api/v1/dags/templated_broken/dagRuns/b1/taskInstances/select").json();
        assertThat(ti.get("rendered_fields").size()).isZero();
    }
}
