package org.orchestrator.server.state;

import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** What a failure of a unit of work means, for callers that must not know the driver's exception types. */
public final class StatementFailures {

    private StatementFailures() {
    }

    /** @return true when the database refused a statement (a constraint, a conflict), not a bug of the caller */
    public static boolean isRefusedStatement(Throwable e) {
        return e instanceof UnableToExecuteStatementException;
    }

    /** @return true when a unique key refused the write (SQLSTATE 23505 on H2 and PostgreSQL) */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** @return true when no pooled connection came free in time: overload, not a bug */
    public static boolean isNoConnection(Throwable e) {
        return e instanceof ConnectionException;
    }
}
