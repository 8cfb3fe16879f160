package org.orchestrator.server.state;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/** The few places where H2 and PostgreSQL need different SQL. */
final class Dialect {

    private Dialect() {
    }

    /** @return true when the handle is connected to PostgreSQL (the driver answers from memory, no round trip) */
    static boolean postgres(Tx h) {
        try {
            return "PostgreSQL".equals(h.getConnection().getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new StateException("cannot tell which database the connection is to", e);
        }
    }

    /**
     * The row-locking suffix of a claim query. On PostgreSQL, {@code FOR UPDATE SKIP LOCKED}: nodes
     * claiming at the same time each lock different rows and never wait for one another. H2 keeps
     * the plain read; its guarded updates already let only one claimer move a row.
     */
    static String claimLock(Tx h) {
        return postgres(h) ? " FOR UPDATE SKIP LOCKED" : "";
    }
}
