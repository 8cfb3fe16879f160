package org.orchestrator.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.tasks.csv.ColumnType;
import org.orchestrator.tasks.csv.CsvExport;
import org.orchestrator.tasks.csv.CsvLoad;
import org.orchestrator.tasks.http.HttpTask;
import org.orchestrator.tasks.notify.EmailNotifier;
import org.orchestrator.tasks.notify.WebhookNotifier;
import org.orchestrator.tasks.sensor.ExternalTaskSensor;
import org.orchestrator.tasks.sensor.FileSensor;
import org.orchestrator.tasks.sensor.HttpSensor;
import org.orchestrator.tasks.sensor.SqlSensor;
import org.orchestrator.tasks.sql.SqlCheck;
import org.orchestrator.tasks.sql.SqlParam;
import org.orchestrator.tasks.sql.SqlTask;

/** The README's "Built-in tasks" example, as code that must compile and build a valid DAG. */
class BuiltInTasksInADagTest {

    @Test
    void every_built_in_task_and_notifier_fits_in_one_dag() {
        EmailNotifier mail = EmailNotifier.via("smtp").to("oncall@example.com").build();
        WebhookNotifier slack = WebhookNotifier.via("slack").build();

        Dag dag = Dag.builder("loans_etl").onFailure(slack).sla(Duration.ofHours(3)).onSlaMiss(mail)
                .task("wait_file", FileSensor.glob(Path.of("/data/in"), "loans_*.csv").softFail(true).build())
                .task("wait_upstream", ExternalTaskSensor.of("orders_extract", "load").delta(Duration.ofHours(1)).build())
                .task("wait_api", HttpSensor.on("partner", "/export/status").json("$.state", "ready"::equals).build())
                .task("wait_rows", SqlSensor.on("analytics", "SELECT COUNT(*) FROM orders WHERE created_at >= ?", SqlParam.intervalStart()).build())
                .task("archive", ShellTask.bash("tar czf out.tgz data/").timeout(Duration.ofMinutes(10)).build())
                .task("load", CsvLoad.into("analytics", "loans").from(Path.of("/data/loans.csv"))
                        .column("loan_id", ColumnType.LONG).column("amount", ColumnType.DECIMAL)
                        .rule("amount", v -> ((BigDecimal) v).signum() > 0, "must be positive").upsertKey("loan_id").build(),
                        t -> t.upstream("wait_file", "wait_upstream", "wait_api", "wait_rows").onFailure(mail).onRetry(slack))
                .task("daily_total", SqlTask.on("analytics").statement("SELECT SUM(amount) FROM loans").returnValue().build(),
                        t -> t.upstream("load"))
                .task("check", SqlCheck.on("analytics").rowCount("loans").atLeast(1).build(), t -> t.upstream("load"))
                .task("export", CsvExport.query("analytics", "SELECT * FROM loans").to(Path.of("/exports/loans.csv")).build(),
                        t -> t.upstream("check"))
                .task("report", HttpTask.on("reports_api").post("/v1/reports").jsonBody(Map.of("day", "2026-03-02"))
                        .expectStatus(201).returnJson("$.report.id").build(), t -> t.upstream("export"))
                .build();

        assertThat(dag.tasks()).hasSize(10);
        assertThat(dag.onFailure()).containsExactly(slack);
        assertThat(dag.onSlaMiss()).containsExactly(mail);
        assertThat(dag.task("load").orElseThrow().onFailure()).containsExactly(mail);
    }
}
