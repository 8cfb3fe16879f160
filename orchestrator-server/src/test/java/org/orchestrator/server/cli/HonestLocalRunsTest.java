package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;
import org.orchestrator.testkit.WebhookReceiver;

/**
 * {@code dags test} and {@code tasks test} are rehearsals: the DAG's alerts go to a live webhook
 * receiver on loopback only with {@code --notify}, and {@code tasks test --xcom} stands in for
 * the upstream tasks that did not run.
 */
class HonestLocalRunsTest {

    @AutoClose
    private final WebhookReceiver webhook = WebhookReceiver.start();
    private Path home;

    @BeforeEach
    void homeWithAnAlertingDagAndAWebhook() {
        home = TestEngine.fresh();
        TestSources.write(home.resolve("dags/alerting.java"), TestSources.provider("honest.alerting", """
                var slack = org.orchestrator.tasks.notify.WebhookNotifier.via("alerts").prefix("[alerting]").build();
                return List.of(Dag.builder("alerting").onFailure(slack)
                        .task("extract", ctx -> {
                            ctx.xcomPush("rows", 3);
                            ctx.xcomPush("table", "orders");
                        })
                        .task("load", ctx -> {
                            int rows = ctx.xcomPull("extract", "rows", Integer.class);
                            ctx.log().info("loading {} rows of {}", rows, ctx.xcomPull("extract", "table", String.class));
                            if (rows > 2) {
                                throw new IllegalStateException("too many rows: " + rows);
                            }
                        }, t -> t.upstream("extract").onFailure(slack))
                        .build());
                """));
        assertThat(cli("db", "migrate").exitCode()).isZero();
        assertThat(cli("connections", "add", "alerts", "--conn-uri", webhook.url()).exitCode()).isZero();
    }

    @Test
    void dags_test_of_a_failing_dag_prints_its_callbacks_and_posts_nothing() {
        CliRunner.Result result = cli("dags", "test", "alerting", "2026-01-01");

        assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
        assertThat(result.out()).contains("callback: 1 failed callback(s) of task load (try 1) not run (recorded only)")
                .contains("callback: 1 failed callback(s) of the run not run");
        assertThat(webhook.posted()).isEmpty();
    }

    @Test
    void dags_test_with_notify_posts_the_task_and_run_alerts() {
        CliRunner.Result result = cli("dags", "test", "alerting", "2026-01-01", "--notify");

        assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
        assertThat(webhook.posted()).hasSize(2);
        assertThat(webhook.posted().getLast()).contains("[alerting] DAG run alerting test__2026-01-01T00:00:00Z failed: load")
                .contains("- load (try 1): java.lang.IllegalStateException: too many rows: 3");
    }

    @Test
    void tasks_test_seeds_the_xcoms_its_upstreams_would_have_pushed() {
        CliRunner.Result result = cli("tasks", "test", "alerting", "load", "2026-01-01",
                "--xcom", "extract.rows=2", "--xcom", "extract.table=\"orders\"");

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("loading 2 rows of orders").contains("Task load ended success");
    }

    @Test
    void tasks_test_without_the_xcom_fails_naming_the_task_and_key() {
        CliRunner.Result result = cli("tasks", "test", "alerting", "load", "2026-01-01", "--xcom", "extract.rows=2");

        assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
        assertThat(result.out()).contains("XCom 'table' of task 'extract'").contains("Task load ended failed");
        assertThat(webhook.posted()).isEmpty();
    }

    @Test
    void an_xcom_option_that_is_not_task_key_json_is_a_usage_error() {
        assertThat(cli("tasks", "test", "alerting", "load", "--xcom", "rows=2").exitCode()).isEqualTo(2);
        CliRunner.Result notJson = cli("tasks", "test", "alerting", "load", "--xcom", "extract.table=orders");
        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("--xcom 'extract.table=orders': the value is not JSON");
    }

    private CliRunner.Result cli(String... args) {
        String[] withHome = Arrays.copyOf(args, args.length + 2);
        withHome[args.length] = "--home";
        withHome[args.length + 1] = home.toString();
        return CliRunner.run(withHome);
    }
}
