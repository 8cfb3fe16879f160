package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A DAG run is never created twice for one logical date: the schema refuses it, not only the code. */
class DagRunUniquenessTest {

    private static final Instant DAY = Instant.parse("2026-01-01T00:00:00Z");

    private final StateDb db = StateDb.open();

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_second_run_for_the_same_logical_date_is_refused_by_a_constraint() {
        db.run("orders", "scheduled__1", DAY);

        assertThatThrownBy(() -> db.run("orders", "manual__other_id", DAY))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("dag_run_logical_date"));
        assertThat(db.run("other_dag", "scheduled__1", DAY)).isPositive();
        assertThat(db.run("orders", "scheduled__2", DAY.plusSeconds(86_400))).isPositive();
    }
}
