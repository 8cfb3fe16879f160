package org.orchestrator.server.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether this node reaches the database, as its heartbeats find out. {@code /health} reports it,
 * and the zombie reaper waits until the link has been up for a whole node timeout before it
 * declares other nodes dead: after an outage every node's heartbeat is stale, and that says
 * nothing about whether they are alive.
 */
public final class DatabaseLink {

    private volatile Instant upSince;
    private volatile Instant downSince;
    private volatile String lastError;

    /** @param now when the node connected first (its registration) */
    DatabaseLink(Instant now) {
        this.upSince = now;
    }

    synchronized void succeeded(Instant now) {
        if (downSince != null) {
            upSince = now;
            downSince = null;
        }
    }

    synchronized void failed(Instant now, Throwable error) {
        if (downSince == null) {
            downSince = now;
        }
        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    /** @return true unless the latest heartbeat failed */
    public boolean isUp() {
        return downSince == null;
    }

    /** @return when the link went down, or null while it is up */
    public Instant downSince() {
        return downSince;
    }

    /** @return the latest failure's text, or null if none happened */
    public String lastError() {
        return lastError;
    }

    /**
     * @param now     the current time
     * @param atLeast how long
     * @return true when the link is up and has been for at least that long
     */
    public boolean upFor(Instant now, Duration atLeast) {
        return downSince == null && !upSince.plus(atLeast).isAfter(now);
    }
}
