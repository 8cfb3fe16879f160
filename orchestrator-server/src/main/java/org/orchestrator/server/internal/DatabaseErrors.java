package org.orchestrator.server.internal;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/** Tells a lost database connection from other failures, and how long to wait before trying again. */
public final class DatabaseErrors {

    private DatabaseErrors() {
    }

    /**
     * @param error a failure
     * @return true when it (or a cause) says the database could not be reached: connection
     * failures (SQLState class 08), a server shutting down or starting up (57P01–57P03), or the
     * pool timing out while waiting for a connection
     */
    public static boolean isConnectionLoss(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * @param attempt 1 for the first retry
     * @return 100 ms doubled per attempt, at most {@link BackgroundLoop#MAX_BACKOFF}
     */
    public static Duration backoff(int attempt) {
        long millis = 100L << Math.min(Math.max(attempt - 1, 0), 10);
        return Duration.ofMillis(Math.min(millis, BackgroundLoop.MAX_BACKOFF.toMillis()));
    }
}
