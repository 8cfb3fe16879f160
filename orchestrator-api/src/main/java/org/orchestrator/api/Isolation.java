package org.orchestrator.api;

/**
 * Where a task's tries run.
 *
 * <pre>{@code
 * .task("train", new TrainModel(), t -> t.isolation(Isolation.PROCESS).jvmOptions("-Xmx2g"))
 * }</pre>
 */
public enum Isolation {

    /** On a virtual thread inside the server: millisecond hops, but the task shares the server's JVM. The default. */
    THREAD,

    /**
     * In a child JVM of its own, started for the try by the node that claimed it: a task that
     * exhausts its heap, crashes natively or calls {@code System.exit} fails its try and nothing
     * else. Costs a JVM start per try. Callbacks still run in the server.
     */
    PROCESS
}
