package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/** {@code dags trigger} accepts exactly the run ids and the conf the REST API accepts. */
class DagsTriggerCommandTest {

    private final Path home = TestEngine.fresh();

    @Test
    void run_ids_the_api_refuses_are_refused_with_its_rule_and_create_nothing() {
        TestSources.write(home.resolve("dags").resolve("okay.java"), TestSources.provider("okay",
                "return List.of(Dag.builder(\"okay\").task(\"a\", c -> {}).build());"));

        for (String bad : List.of("", "a/b", "../../x y", "x".repeat(251))) {
            CliRunner.Result refused = CliRunner.run("dags", "trigger", "okay", "--run-id", bad, "--home", home.toString());

            assertThat(refused.exitCode()).as("run id '%s'", bad).isEqualTo(2);
            assertThat(refused.err()).as("run id '%s'", bad).contains("--run-id: a run id must be 1-250 letters, digits or _ . ~ : + -");
        }
        assertThat(runIds()).isEmpty();

        CliRunner.Result queued = CliRunner.run("dags", "trigger", "okay", "--run-id", "ci:42~a+b", "--home", home.toString());

        assertThat(queued.exitCode()).as(queued.out() + queued.err()).isZero();
        assertThat(runIds()).containsExactly("ci:42~a+b");
    }

    @Test
    void a_conf_that_breaks_the_typed_params_is_refused_with_every_field_and_creates_nothing() {
        TestSources.write(home.resolve("dags").resolve("typed.java"), TestSources.provider("typed",
                "return List.of(Dag.builder(\"typed\").param(\"n\", org.orchestrator.api.Param.integer().minimum(0).defaultValue(0))"
                        + ".param(\"mode\", org.orchestrator.api.Param.string().enumOf(\"fast\", \"slow\").defaultValue(\"fast\"))"
                        + ".task(\"a\", c -> {}).build());"));

        CliRunner.Result refused = CliRunner.run("dags", "trigger", "typed", "--conf", "{\"n\": -1, \"mode\": \"warp\"}",
                "--home", home.toString());

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("conf does not fit the params of dag 'typed'", "n: ", "mode: ");
        assertThat(runIds()).isEmpty();
        CliRunner.Result queued = CliRunner.run("dags", "trigger", "typed", "--conf", "{\"n\": 3}", "--home", home.toString());
        assertThat(queued.exitCode()).as(queued.out() + queued.err()).isZero();
        assertThat(runIds()).hasSize(1);
    }

    private List<String> runIds() {
        try (Database database = Database.open(TestDatabase.config(home))) {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT run_id FROM dag_run").mapTo(String.class).list());
        }
    }
}
