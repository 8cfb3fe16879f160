package org.orchestrator.server.archfixturea;

import org.jdbi.v3.core.Jdbi;
import org.orchestrator.server.archfixtureb.Pong;
import org.orchestrator.server.state.Pools;
import org.orchestrator.server.state.Tx;

/** Breaks every rule of {@code ArchitectureTest} on purpose, to show that each rule can fail. Never run. */
public final class Ping {

    /** Half of a package cycle (Pong calls back). */
    Pong pong() {
        return new Pong();
    }

    /** A Jdbi call outside state. */
    int rawSql(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.execute("SELECT 1"));
    }

    /** A write to state from outside the operations and the engine. */
    void write(Tx tx) {
        new Pools().put(tx, "planted", 1, "planted");
    }
}
