package org.orchestrator.server.state;

import java.sql.Connection;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * One open unit of work on the database, as the rest of the server sees it: something to hand to
 * state's verbs, nothing to run SQL with. The engine and the operations compose several verbs in
 * one {@code Tx} from {@link Transactions}; only this package can reach the statements inside, so
 * every statement the server runs is written here.
 */
public final class Tx {

    private final Handle handle;

    Tx(Handle handle) {
        this.handle = handle;
    }

    Query createQuery(String sql) {
        return handle.createQuery(sql);
    }

    Update createUpdate(String sql) {
        return handle.createUpdate(sql);
    }

    PreparedBatch prepareBatch(String sql) {
        return handle.prepareBatch(sql);
    }

    Connection getConnection() {
        return handle.getConnection();
    }
}
