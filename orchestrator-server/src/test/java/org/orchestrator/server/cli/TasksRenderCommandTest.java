package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/** {@code tasks render} prints a task's templated fields for a date, masked, and runs nothing. */
class TasksRenderCommandTest {

    private Path home;
    private String h;

    @BeforeEach
    void homeWithATemplatedDag() {
        home = TestEngine.fresh();
        h = home.toString();
        assertThat(CliRunner.run("db", "migrate", "--home", h).exitCode()).isZero();
        CliRunner.run("connections", "add", "warehouse", "--conn-uri", "postgresql://etl:render-Secret-7@db/x", "--home", h);
        TestSources.write(home.resolve("dags/templated.java"), TestSources.provider("render.templated", """
                return List.of(Dag.builder("templated").param("min_amount", 100)
                        .task("export", org.orchestrator.tasks.csv.CsvExport.query("warehouse",
                                        "SELECT * FROM orders WHERE amount >= {{ params.min_amount }} AND day = '{{ macros.ds_add(ds, -1) }}'")
                                .to("/never/written/{{ ds_nodash }}/orders.csv").build())
                        .task("shell", org.orchestrator.tasks.ShellTask.bash("touch /tmp/never-{{ ds }}")
                                .env("PGPASSWORD", "{{ conn.warehouse.password }}").build())
                        .task("broken", org.orchestrator.tasks.ShellTask.bash("echo\\n{{ nope }}").build())
                        .build());"""));
    }

    @Test
    void prints_the_rendered_fields_for_the_date_without_running_the_task() {
        CliRunner.Result result = CliRunner.run("tasks", "render", "templated", "export", "2026-03-15", "--home", h);

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out())
                .contains("# sql\nSELECT * FROM orders WHERE amount >= 100 AND day = '2026-03-14'")
                .contains("# path\n/never/written/20260315/orders.csv");
        assertThat(Path.of("/never/written")).doesNotExist();
    }

    @Test
    void secrets_are_masked_and_nothing_runs() {
        CliRunner.Result result = CliRunner.run("tasks", "render", "templated", "shell", "2026-03-15", "--home", h);

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).contains("# env.PGPASSWORD\n***").contains("touch /tmp/never-2026-03-15")
                .doesNotContain("render-Secret-7");
        assertThat(Files.exists(Path.of("/tmp/never-2026-03-15"))).isFalse();
    }

    @Test
    void a_template_error_is_reported_with_its_field_and_line() {
        CliRunner.Result result = CliRunner.run("tasks", "render", "templated", "broken", "2026-03-15", "--home", h);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.out() + result.err()).contains("template 'command[2]' line 2: ").contains("nope");
    }
}
