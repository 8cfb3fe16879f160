package org.orchestrator.server.execute.isolation;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.orchestrator.api.TaskContext;

/**
 * Where a child's printed lines go: into the log of the try it runs now. A reused child runs
 * several tries one after another, so after each it prints {@link #END_OF_TRY} on both streams;
 * the node waits for both marks before the child may take another try, and no line of one try
 * can reach the next one's log.
 */
final class ChildOutput {

    /** The line a child prints on stdout and stderr after each try. */
    static final String END_OF_TRY = "\u0001orchestrator: end of try";
    private final Semaphore ends = new Semaphore(0);
    private volatile TaskContext context;
    private volatile LastLines last;

    ChildOutput(TaskContext context, LastLines last) {
        attach(context, last);
    }

    /** Sends what the child prints from now on to this try. */
    void attach(TaskContext context, LastLines last) {
        ends.drainPermits();
        this.context = context;
        this.last = last;
    }

    Consumer<String> stream(boolean stderr) {
        String tag = stderr ? "[stderr] " : "[stdout] ";
        return line -> {
            if (line.equals(END_OF_TRY)) {
                ends.release();
                return;
            }
            last.add(tag + line);
            if (stderr) {
                context.log().warn("{}{}", tag, line);
            } else {
                context.log().info("{}{}", tag, line);
            }
        };
    }

    /** @return true once both streams passed the end of the try; false when they did not within the patience */
    boolean awaitEndOfTry(Duration patience) throws InterruptedException {
        return ends.tryAcquire(2, patience.toNanos(), TimeUnit.NANOSECONDS);
    }
}
