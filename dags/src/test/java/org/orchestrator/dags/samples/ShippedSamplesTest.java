package org.orchestrator.dags.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples shipped in the DAG jar are exactly what their generators write (deterministic, seeded). */
class ShippedSamplesTest {

    @Test
    void the_loans_csv_is_the_generators_output() throws IOException {
        assertThat(resourceLines("/org/orchestrator/dags/loans/loans.csv")).isEqualTo(LoansCsvGenerator.lines());
        assertThat(LoansCsvGenerator.lines()).hasSize(LoansCsvGenerator.ROWS + 1);
    }

    @Test
    void the_access_log_is_the_generators_output() throws IOException {
        assertThat(resourceLines("/org/orchestrator/dags/weblogs/access.log")).isEqualTo(AccessLogGenerator.lines());
    }

    private static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = ShippedSamplesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
