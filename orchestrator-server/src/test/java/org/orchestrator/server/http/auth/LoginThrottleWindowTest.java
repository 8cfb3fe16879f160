package org.orchestrator.server.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's window, on a clock the test moves. */
class LoginThrottleWindowTest {

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void refusal_lasts_until_the_oldest_failure_leaves_the_window() {
        MovableClock clock = new MovableClock();
        LoginThrottle throttle = new LoginThrottle(clock, Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.blockedFor("10.0.0.1", "op")).isEmpty();
            throttle.failed("10.0.0.1", "op");
            clock.advance(Duration.ofSeconds(10));
        }

        assertThat(throttle.blockedFor("10.0.0.1", "op")).hasValue(Duration.ofSeconds(10));
        assertThat(throttle.blockedFor("10.0.0.1", "OP")).as("user names match case-insensitively").isPresent();
        assertThat(throttle.blockedFor("10.0.0.2", "op")).as("another client").isEmpty();
        assertThat(throttle.blockedFor("10.0.0.1", "admin")).as("another user").isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.blockedFor("10.0.0.1", "op")).as("the first failure left the window").isEmpty();
    }

    @Test
    void failures_older_than_the_window_do_not_add_up() {
        MovableClock clock = new MovableClock();
        LoginThrottle throttle = new LoginThrottle(clock, Duration.ofSeconds(60));
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.1", "op");
            clock.advance(Duration.ofSeconds(15));
        }
        assertThat(throttle.blockedFor("10.0.0.1", "op")).as("at most 4 failures in any minute").isEmpty();
    }
}
