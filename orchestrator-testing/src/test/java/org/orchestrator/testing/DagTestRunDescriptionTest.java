package org.orchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;

/** A failed assertion on a run's state shows the run's description: it must say why the run failed. */
class DagTestRunDescriptionTest {

    @Test
    void a_failed_runs_description_names_each_failed_try_and_its_error() {
        Dag dag = Dag.builder("fails").defaults(d -> d.retries(1))
                .task("load", ctx -> { throw new IllegalStateException("table 'loans' is missing"); })
                .build();

        DagTestRun run = DagTester.forDag(dag).run(LocalDate.of(2026, 3, 2));

        assertThat(run.state()).isEqualTo(DagRunState.FAILED);
        assertThat(run.toString()).contains("load=FAILED")
                .contains("load try 1: ").contains("load try 2: ").contains("table 'loans' is missing");
    }

    @Test
    void a_successful_runs_description_is_one_line() {
        Dag dag = Dag.builder("works").task("load", ctx -> { }).build();

        assertThat(DagTester.forDag(dag).run(LocalDate.of(2026, 3, 2)).toString()).doesNotContain("\n");
    }
}
