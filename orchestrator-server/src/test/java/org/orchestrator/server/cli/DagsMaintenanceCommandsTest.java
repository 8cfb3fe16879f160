package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.state.Dags;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.ImportErrors;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;

class DagsMaintenanceCommandsTest {

    @Test
    void reserialize_stores_dags_and_errors_and_list_import_errors_names_the_broken_bundle() throws Exception {
        Path home = TestEngine.fresh();
        Path dags = Files.createDirectories(home.resolve("dags"));
        TestJars.provider(dags.resolve("good.jar"), "okay", "return List.of(Dag.builder(\"okay\").task(\"a\", c -> {}).build());");
        TestJars.provider(dags.resolve("cyclic.jar"), "loopy",
                "return List.of(Dag.builder(\"loopy\").task(\"a\", c -> {}).task(\"b\", c -> {}).chain(\"a\", \"b\", \"a\").build());");

        CliRunner.Result listed = CliRunner.run("dags", "list-import-errors", "--home", home.toString());
        CliRunner.Result stored = CliRunner.run("dags", "reserialize", "--home", home.toString());

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.out()).contains("cyclic.jar").contains("cycle a → b → a in dag 'loopy'").contains("1 import error(s).");
        assertThat(stored.exitCode()).as(stored.out()).isZero();
        try (Database database = Database.connect(TestDatabase.config(home))) {
            List<String> ids = database.transactions().withHandle(h -> new Dags().all(h)).stream().map(Dags.DagRow::dagId).toList();
            List<ImportErrors.ImportErrorRow> errors = database.transactions().withHandle(h -> new ImportErrors().all(h));
            assertThat(ids).containsExactly("okay");
            assertThat(errors).singleElement().satisfies(e -> assertThat(e.filename()).endsWith("cyclic.jar"));
        }
    }
}
