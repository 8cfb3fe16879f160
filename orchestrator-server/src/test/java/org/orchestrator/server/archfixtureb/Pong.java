package org.orchestrator.server.archfixtureb;

import org.orchestrator.server.archfixturea.Ping;

/** The other half of the package cycle planted for {@code ArchitectureTest}. Never run. */
public final class Pong {

    /** Calls back into the package that calls this one. */
    Object ping() {
        return new Ping();
    }
}
