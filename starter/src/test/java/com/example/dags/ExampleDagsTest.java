package com.example.dags;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestrator.api.DagRunState;
import org.orchestrator.testing.DagTestRun;
import org.orchestrator.testing.DagTester;

/** Runs the DAG in-process with DagTester: the server's own rules, no server, a throwaway H2 database. */
class ExampleDagsTest {

    @Test
    void daily_counts_stores_the_days_count(@TempDir Path dir) {
        DagTester tester = DagTester.forDag(ExampleDags.dailyCounts())
                .jdbcConnection("analytics", "jdbc:h2:" + dir.resolve("analytics"));

        DagTestRun run = tester.run(LocalDate.of(2026, 3, 2));

        assertThat(run.state()).as("%s", run).isEqualTo(DagRunState.SUCCESS);
        assertThat(run.xcom("store_count", "return_value", Long.class)).contains(42L);
    }
}
