package org.orchestrator.server.execute;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A try in progress on this node: its thread, the flag whose owner reports its one outcome, and,
 * once its instance was taken away from it, when it was asked to stop and whether that stop was
 * reported.
 */
final class RunningTry {

    private final ClaimedTry claimed;
    private final Thread thread;
    private final AtomicBoolean reported;
    private final AtomicBoolean stopSettled = new AtomicBoolean();
    private volatile Instant stopAskedAt;

    RunningTry(ClaimedTry claimed, Thread thread, AtomicBoolean reported) {
        this.claimed = claimed;
        this.thread = thread;
        this.reported = reported;
    }

    ClaimedTry claimed() {
        return claimed;
    }

    Thread thread() {
        return thread;
    }

    AtomicBoolean reported() {
        return reported;
    }

    void askStop(Instant now) {
        stopAskedAt = now;
    }

    boolean stopAsked() {
        return stopAskedAt != null;
    }

    Instant stopAskedAt() {
        return stopAskedAt;
    }

    /** @return true once: the caller reports the stop */
    boolean settle() {
        return stopSettled.compareAndSet(false, true);
    }

    /** @return whether the try's thread is inside {@code Runtime.exit}: the task is exiting the JVM */
    boolean isExitingJvm() {
        for (StackTraceElement frame : thread.getStackTrace()) {
            boolean exit = frame.getMethodName().equals("exit");
            if (exit && (frame.getClassName().equals("java.lang.Runtime") || frame.getClassName().equals("java.lang.Shutdown"))) {
                return true;
            }
        }
        return false;
    }
}
