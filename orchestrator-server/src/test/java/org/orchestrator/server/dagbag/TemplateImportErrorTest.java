package org.orchestrator.server.dagbag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestJars;

/** A templated field that cannot parse makes its bundle an import error when it loads, not a failed try later. */
class TemplateImportErrorTest {

    @Test
    void a_template_syntax_error_is_an_import_error_naming_dag_task_field_and_line() throws IOException {
        Path home = TestEngine.fresh();
        Path dags = Files.createDirectories(home.resolve("dags"));
        Path jar = dags.resolve("unclosed.jar");
        TestJars.provider(jar, "unclosed", "return List.of(Dag.builder(\"unclosed\").task(\"say\", "
                + "org.orchestrator.tasks.ShellTask.bash(\"echo start\\n{% if ds %}never closed\").build()).build());");

        try (TestEngine engine = TestEngine.start(home, Map.of())) {
            assertThat(engine.orchestrator().dags().importErrors().get(jar.toString()))
                    .contains("dag 'unclosed' task 'say': template 'command[2]' line 2: ");
            assertThat(engine.orchestrator().dags().get("unclosed")).isEmpty();
        }
    }
}
