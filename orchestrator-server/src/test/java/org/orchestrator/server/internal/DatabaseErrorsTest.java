package org.orchestrator.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is gone, keep the work and retry", and how long to wait. */
class DatabaseErrorsTest {

    @Test
    void connection_failures_and_a_server_shutting_down_are_connection_loss_wherever_they_are_wrapped() {
        assertThat(DatabaseErrors.isConnectionLoss(new ConnectionException(new SQLTransientConnectionException("pool timed out")))).isTrue();
        assertThat(DatabaseErrors.isConnectionLoss(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseErrors.isConnectionLoss(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
    }

    @Test
    void constraint_violations_and_plain_bugs_are_not_connection_loss() {
        assertThat(DatabaseErrors.isConnectionLoss(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseErrors.isConnectionLoss(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void backoff_doubles_from_100_ms_and_stops_at_the_loop_maximum() {
        assertThat(DatabaseErrors.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(DatabaseErrors.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(DatabaseErrors.backoff(50)).isEqualTo(BackgroundLoop.MAX_BACKOFF);
    }
}
