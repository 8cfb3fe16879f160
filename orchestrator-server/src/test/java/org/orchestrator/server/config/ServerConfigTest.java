package org.orchestrator.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security-relevant settings read from the environment, and their defaults. */
class ServerConfigTest {

    @Test
    void the_http_server_binds_every_interface_and_trusts_no_proxy_unless_told() {
        ServerConfig defaults = ServerConfig.fromEnvironment(Map.of("ORCHESTRATOR_HOME", "/tmp/h"));
        assertThat(defaults.host()).isEqualTo("0.0.0.0");
        assertThat(defaults.trustProxy()).isFalse();

        ServerConfig told = ServerConfig.fromEnvironment(Map.of("ORCHESTRATOR_HOME", "/tmp/h",
                "ORCHESTRATOR_HOST", " 10.1.2.3 ", "ORCHESTRATOR_TRUST_PROXY", "true"));
        assertThat(told.host()).isEqualTo("10.1.2.3");
        assertThat(told.trustProxy()).isTrue();
        assertThat(told.withHost("127.0.0.1").host()).isEqualTo("127.0.0.1");
    }

    @Test
    void the_engines_h2_url_leaves_out_the_admin_only_write_delay_the_owners_url_sets() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("ORCHESTRATOR_HOME", "/tmp/h"));
        assertThat(config.jdbcUrl()).contains(";WRITE_DELAY=0", ";AUTO_SERVER=TRUE");
        assertThat(config.h2AppUrl()).doesNotContain("WRITE_DELAY").contains(";AUTO_SERVER=TRUE");
    }
}
