package org.orchestrator.tasks.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;

class SqlTaskOnH2Test extends SqlTaskContract {
    @Override
    protected Connection database(Path dir) {
        return h2(dir);
    }

    /** H2 only: its SYSTEM_RANGE makes a query that would run for hours. */
    @Test
    void a_query_past_its_timeout_is_cancelled_and_fails_the_try() {
        SqlTask task = SqlTask.on(DB)
                .statement("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b WHERE a.X + b.X < 0")
                .queryTimeout(Duration.ofSeconds(1)).returnValue().build();
        long start = System.nanoTime();

        assertThatThrownBy(() -> task.execute(ctx)).hasMessageContaining("statement 1 of 1 on connection 'warehouse' failed")
                .hasMessageContaining("cancel");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
