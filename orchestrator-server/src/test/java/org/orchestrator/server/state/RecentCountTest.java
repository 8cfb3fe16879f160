package org.orchestrator.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentCountTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicLong rows = new AtomicLong(10);
    private final AtomicLong counts = new AtomicLong();
    private final RecentCount total = new RecentCount(Duration.ofSeconds(1), clock::get);

    private long count() {
        counts.incrementAndGet();
        return rows.get();
    }

    @Test
    void requests_within_the_maximum_age_share_one_count() {
        assertThat(total.get(this::count)).isEqualTo(10);
        rows.set(11);
        clock.addAndGet(Duration.ofMillis(999).toNanos());

        assertThat(total.get(this::count)).isEqualTo(10);
        assertThat(counts).hasValue(1);
    }

    @Test
    void a_request_after_the_maximum_age_counts_again() {
        total.get(this::count);
        rows.set(11);
        clock.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(total.get(this::count)).isEqualTo(11);
        assertThat(counts).hasValue(2);
    }
}
