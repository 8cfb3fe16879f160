package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestEngine;

/** {@code Main.run(environment, args)}: a command reads its settings from the given environment, not the process's. */
class MainEnvironmentTest {

    @Test
    void a_command_uses_the_database_named_by_the_environment_it_is_given() {
        Path home = TestEngine.fresh();
        Path elsewhere = home.resolve("elsewhere").resolve("chosen");
        Map<String, String> environment = Map.of("ORCHESTRATOR_DB_URL", "jdbc:h2:" + elsewhere);

        assertThat(Main.run(environment, "db", "migrate", "--home", home.toString())).isZero();

        assertThat(home.resolve("elsewhere").resolve("chosen.mv.db")).as("the database the environment named").exists();
        assertThat(home.resolve("db").resolve("orchestrator.mv.db")).as("the home's default database").doesNotExist();
    }
}
