package org.orchestrator.server.state;

import org.jdbi.v3.core.Jdbi;

/**
 * Where units of work on the database begin: a transaction that commits when the work returns
 * (and retries on a serialization failure, see {@link RetryingTransactions}), or a plain handle
 * for reads. The work gets a {@link Tx}, which only state's verbs accept.
 *
 * <pre>{@code
 * boolean moved = transactions.inTransaction(tx -> tis.retryDue(tx, id, now));
 * }</pre>
 */
public final class Transactions {

    private final Jdbi jdbi;

    Transactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return what the work answers, after its transaction committed */
    public <T, X extends Exception> T inTransaction(Work<T, X> work) throws X {
        return jdbi.inTransaction(h -> work.apply(new Tx(h)));
    }

    /** Runs the work in a transaction that commits when it returns. */
    public <X extends Exception> void useTransaction(Use<X> work) throws X {
        jdbi.useTransaction(h -> work.accept(new Tx(h)));
    }

    /** @return what the work answers; each statement commits on its own (reads, single writes) */
    public <T, X extends Exception> T withHandle(Work<T, X> work) throws X {
        return jdbi.withHandle(h -> work.apply(new Tx(h)));
    }

    /** Runs the work on a handle without a transaction around it (reads, single writes). */
    public <X extends Exception> void useHandle(Use<X> work) throws X {
        jdbi.useHandle(h -> work.accept(new Tx(h)));
    }

    /** Work that answers something. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        /** @return the answer */
        T apply(Tx tx) throws X;
    }

    /** Work that answers nothing. */
    @FunctionalInterface
    public interface Use<X extends Exception> {
        /** Does the work. */
        void accept(Tx tx) throws X;
    }
}
