package org.orchestrator.server.execute.isolation;

/** A try in a child JVM failed: the task threw, or the JVM exited, crashed or was killed. The message says which. */
public final class ChildFailure extends RuntimeException {

    ChildFailure(String message) {
        super(message, null, false, false);
    }
}
