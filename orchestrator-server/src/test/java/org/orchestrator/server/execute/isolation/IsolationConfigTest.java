package org.orchestrator.server.execute.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Isolation;

class IsolationConfigTest {

    @Test
    void tries_run_on_threads_with_a_capped_child_heap_unless_the_environment_says_otherwise() {
        IsolationConfig config = IsolationConfig.fromEnvironment(Map.of());

        assertThat(config.defaultIsolation()).isEqualTo(Isolation.THREAD);
        assertThat(config.jvmOptions()).contains("-Xmx256m");
        assertThat(config.killGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.warmChildren()).isEqualTo(4);
        assertThat(config.reuseMaxTries()).isEqualTo(100);
        assertThat(config.reuseIdle()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void the_environment_sizes_the_pool_of_warm_children() {
        IsolationConfig config = IsolationConfig.fromEnvironment(Map.of("ORCHESTRATOR_PROCESS_WARM_CHILDREN", "0",
                "ORCHESTRATOR_PROCESS_REUSE_MAX_TRIES", "7", "ORCHESTRATOR_PROCESS_REUSE_IDLE_SECONDS", "30"));

        assertThat(config.warmChildren()).isZero();
        assertThat(config.reuseMaxTries()).isEqualTo(7);
        assertThat(config.reuseIdle()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void the_environment_sets_the_default_isolation_the_child_options_and_the_kill_grace() {
        IsolationConfig config = IsolationConfig.fromEnvironment(Map.of("ORCHESTRATOR_DEFAULT_ISOLATION", " Process ",
                "ORCHESTRATOR_PROCESS_JVM_OPTIONS", "-Xmx1g  -Dx=y", "ORCHESTRATOR_PROCESS_KILL_GRACE_SECONDS", "2"));

        assertThat(config.defaultIsolation()).isEqualTo(Isolation.PROCESS);
        assertThat(config.jvmOptions()).containsExactly("-Xmx1g", "-Dx=y");
        assertThat(config.killGrace()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_wrong_value_is_refused_naming_its_variable() {
        assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.of("ORCHESTRATOR_DEFAULT_ISOLATION", "container")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ORCHESTRATOR_DEFAULT_ISOLATION")
                .hasMessageContaining("container");
        assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.of("ORCHESTRATOR_PROCESS_KILL_GRACE_SECONDS", "soon")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ORCHESTRATOR_PROCESS_KILL_GRACE_SECONDS");
        assertThatThrownBy(() -> IsolationConfig.fromEnvironment(Map.of("ORCHESTRATOR_PROCESS_WARM_CHILDREN", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ORCHESTRATOR_PROCESS_WARM_CHILDREN")
                .hasMessageContaining("-1");
    }
}
