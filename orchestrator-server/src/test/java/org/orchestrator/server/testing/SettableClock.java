package org.orchestrator.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still until a test moves it: time-based decisions without waiting real time. */
public final class SettableClock extends Clock {

    private volatile Instant now;

    /** @param start the instant the clock shows until moved */
    public SettableClock(Instant start) {
        this.now = start;
    }

    /** @param by how far to move the clock forward */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** @param to the instant the clock shows from now on */
    public void set(Instant to) {
        now = to;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the engine reads UTC instants only");
    }
}
