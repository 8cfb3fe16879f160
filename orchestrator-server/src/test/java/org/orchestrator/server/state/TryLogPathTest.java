package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TryLogPathTest {

    @Test
    void ids_that_the_earlier_scheme_confused_get_distinct_paths() {
        List<String> ids = List.of("a:b", "a~b", "a_b", "a%3Ab", "a b", "a/b", "a\\b", "é", "a%b", "..");

        assertThat(ids.stream().map(TryLogPath::encode).distinct()).hasSameSizeAs(ids);
        assertThat(TryLogPath.encode("a:b")).isEqualTo("a%3Ab");
        assertThat(TryLogPath.encode("a%3Ab")).isEqualTo("a%253Ab");
        assertThat(TryLogPath.encode("a/b")).isEqualTo("a%2Fb");
    }

    @Test
    void an_id_of_safe_characters_keeps_the_earlier_path() {
        assertThat(TryLogPath.encode("scheduled__2026-01-01T02.00.00+00=00_x")).isEqualTo("scheduled__2026-01-01T02.00.00+00=00_x");
    }
}
