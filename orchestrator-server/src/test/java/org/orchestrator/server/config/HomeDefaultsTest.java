package org.orchestrator.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;

class HomeDefaultsTest {

    @TempDir
    Path home;

    @Test
    void with_nothing_configured_analytics_is_an_h2_file_in_the_home_and_data_dir_the_homes_data_folder() throws Exception {
        Resources resources = HomeDefaults.over(Resources.NONE, home);

        Connection analytics = resources.connection("analytics");
        assertThat(analytics.type()).isEqualTo("jdbc");
        assertThat(analytics.url()).startsWith("jdbc:h2:" + home.toAbsolutePath().resolve("data").resolve("analytics"));
        try (var c = DriverManager.getConnection(analytics.url(), analytics.login(), analytics.password())) {
            c.createStatement().execute("CREATE TABLE t (x INT)");
        }
        assertThat(home.resolve("data").resolve("analytics.mv.db")).exists();
        assertThat(resources.variable("data_dir")).contains(home.toAbsolutePath().resolve("data").toString());
    }

    @Test
    void a_configured_connection_or_variable_wins_and_other_unknown_ids_stay_unknown() {
        Connection warehouse = new Connection("analytics", "jdbc", "jdbc:postgresql://db/warehouse", "etl", "secret", Map.of());
        Resources configured = new Resources() {
            @Override
            public Connection connection(String connId) {
                if (connId.equals("analytics")) {
                    return warehouse;
                }
                throw new OrchestratorException("unknown connection '" + connId + "'");
            }

            @Override
            public Optional<String> variable(String key) {
                return key.equals("data_dir") ? Optional.of("/srv/data") : Optional.empty();
            }
        };
        Resources resources = HomeDefaults.over(configured, home);

        assertThat(resources.connection("analytics")).isSameAs(warehouse);
        assertThat(resources.variable("data_dir")).contains("/srv/data");
        assertThat(resources.variable("region")).isEmpty();
        assertThatThrownBy(() -> resources.connection("crm")).isInstanceOf(OrchestratorException.class)
                .hasMessageContaining("unknown connection 'crm'");
    }
}
