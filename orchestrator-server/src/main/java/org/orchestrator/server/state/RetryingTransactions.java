package org.orchestrator.server.state;

import java.sql.SQLException;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;
import org.jdbi.v3.core.transaction.TransactionHandler;

/**
 * Runs a transaction again when it lost a deadlock or a serialization conflict to another writer.
 * H2 reports both as SQLState 40001; PostgreSQL reports a deadlock as 40P01, which Jdbi's runner
 * alone would pass on to the caller. Every transaction here is a set of guarded updates, so a
 * rerun decides afresh from the state it finds.
 */
final class RetryingTransactions extends SerializableTransactionRunner {

    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

    RetryingTransactions() {
    }

    private RetryingTransactions(TransactionHandler delegate) {
        super(delegate);
    }

    @Override
    protected boolean isSqlState(String expectedSqlState, Throwable throwable) {
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && RETRYABLE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new RetryingTransactions(getDelegate().specialize(handle));
    }
}
