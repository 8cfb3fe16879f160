package org.orchestrator.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Param;
import org.orchestrator.rules.ParamCheck.UnknownKeys;

/** A trigger that has not loaded the DAG goes on from its stored structure only when that cannot let a bad conf through. */
class StoredParamsTest {

    private static final String UNTYPED = Dag.builder("plain").param("day", "today").task("param", c -> { })
            .build().structure();
    private static final String TYPED = Dag.builder("typed").param("n", Param.integer().minimum(0).defaultValue(0))
            .task("a", c -> { }).build().structure();

    @Test
    void untyped_params_take_any_conf_unless_unknown_keys_are_rejected() {
        assertThat(StoredParams.decidable(UNTYPED, Map.of(), UnknownKeys.REJECT)).isTrue();
        assertThat(StoredParams.decidable(UNTYPED, Map.of("day", "x"), UnknownKeys.ALLOW)).isTrue();
        assertThat(StoredParams.decidable(UNTYPED, Map.of("day", "x"), UnknownKeys.REJECT)).isFalse();
    }

    @Test
    void typed_params_need_the_loaded_definition_even_for_an_empty_conf() {
        assertThat(StoredParams.decidable(TYPED, Map.of(), UnknownKeys.ALLOW)).isFalse();
        assertThat(StoredParams.decidable(TYPED, Map.of("n", -1), UnknownKeys.ALLOW)).isFalse();
    }
}
