package org.orchestrator.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateBenchmarksTest {

    @Test
    void times_renders_of_a_templated_sql_field_as_p50_and_p99_micros() {
        TemplateBenchmarks.Micros micros = TemplateBenchmarks.render(500);

        assertThat(micros.p50()).isPositive();
        assertThat(micros.p99()).isGreaterThanOrEqualTo(micros.p50());
    }
}
