package org.orchestrator.server.execute;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Isolation;
import org.orchestrator.api.Resources;
import org.orchestrator.api.SkipTaskException;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.server.dagbag.BundleClassPath;
import org.orchestrator.server.execute.isolation.ChildFailure;
import org.orchestrator.server.execute.isolation.ChildJvm;
import org.orchestrator.server.execute.isolation.ChildTask;
import org.orchestrator.server.execute.isolation.IsolationConfig;
import org.orchestrator.rules.OnExecute;
import org.orchestrator.rules.template.TemplateException;
import org.orchestrator.server.state.XComs;

/**
 * Runs one try on its own virtual thread and reports exactly one {@link Outcome}: the task's own,
 * or a timeout failure when the execution timeout fires first (the thread is then interrupted and
 * whatever it reports later is dropped).
 */
final class TryRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TryRunner.class);

    private final Transactions db;
    private final XComs xcoms;
    private final Resources resources;
    private final TryLogs logs;
    private final Clock clock;
    private final ScheduledExecutorService watchdog;
    private final Consumer<Outcome> report;
    private final TryMeters meters;
    private final Isolation defaultIsolation;
    private final ChildJvm childJvm;
    private final TryTemplates templates;
    private volatile RunTriggers triggers = RunTriggers.NONE;
    /**
     * Tries started and not yet ended, so a shutdown can give them back. By try, not by instance:
     * after this node was taken for dead, a retry of an instance may start here while the try
     * that was reaped still runs (until the watch stops it).
     */
    private final java.util.Map<Key, RunningTry> running = new java.util.concurrent.ConcurrentHashMap<>();

    /** One try of a task instance. */
    record Key(long tiId, int tryNumber) {
        static Key of(ClaimedTry claimed) {
            return new Key(claimed.ti().id(), claimed.ti().tryNumber());
        }
    }

    TryRunner(Transactions db, XComs xcoms, Resources resources, TryLogs logs, Clock clock,
              ScheduledExecutorService watchdog, Consumer<Outcome> report, TryMeters meters, IsolationConfig isolation) {
        this.meters = meters;
        this.defaultIsolation = isolation.defaultIsolation();
        this.childJvm = new ChildJvm(isolation);
        this.db = db;
        this.xcoms = xcoms;
        this.resources = resources;
        this.logs = logs;
        this.templates = new TryTemplates(db, logs::mask);
        this.clock = clock;
        this.watchdog = watchdog;
        this.report = report;
        TaskOutput.install();
    }

    /** Lets tasks trigger runs through the engine (set once the engine has built its run creator). */
    void runTriggers(RunTriggers triggers) {
        this.triggers = triggers;
    }

    void start(ClaimedTry claimed) {
        meters.started(claimed, clock.instant());
        AtomicBoolean reported = new AtomicBoolean();
        Thread thread = Thread.ofVirtual().name("try-" + claimed.describe()).unstarted(() -> run(claimed));
        if (claimed.dag().loader() != null) {
            // Libraries that look classes up through the context loader (ServiceLoader, JDBC
            // drivers in dags/lib) see the bundle's classes, as they would in the author's build.
            thread.setContextClassLoader(claimed.dag().loader());
        }
        TaskDefinition task = claimed.task();
        ScheduledFuture<?> timeout = task.executionTimeout()
                .map(limit -> watchdog.schedule(() -> timeOut(claimed, thread, limit, reported), limit.toNanos(), TimeUnit.NANOSECONDS))
                .orElse(null);
        running.put(Key.of(claimed), new RunningTry(claimed, thread, reported));
        thread.start();
        if (timeout != null) {
            Thread.ofVirtual().start(() -> cancelWhenDone(thread, timeout));
        }
    }

    private void run(ClaimedTry claimed) {
        RunningTry self = running.get(Key.of(claimed)); // put before the thread started
        try (TryLogger log = logs.logger(claimed.ti(), clock); TaskOutput.Binding printed = TaskOutput.bind(log)) {
            long began = System.nanoTime();
            Outcome outcome = execute(claimed, log);
            meters.ended(claimed, outcome.result(), Duration.ofNanos(System.nanoTime() - began));
            if (self.reported().compareAndSet(false, true)) {
                report.accept(outcome);
            }
        } finally {
            running.remove(Key.of(claimed));
            if (self.stopAsked()) {
                settleStop(self, null);
            }
        }
    }

    /** @return the tries running here */
    java.util.Set<Key> runningTries() {
        return java.util.Set.copyOf(running.keySet());
    }

    /**
     * Stops a try whose instance was taken away from it: its own outcome will not be reported,
     * its thread is interrupted, and once it has ended (or is declared lost) the stop is reported.
     *
     * @return false when the try already ended or reported its outcome
     */
    boolean stop(Key key, String why) {
        RunningTry r = running.get(key);
        if (r == null || !r.reported().compareAndSet(false, true)) {
            return false;
        }
        try (TryLogger log = logs.logger(r.claimed().ti(), clock)) {
            log.warn("stopping this try: {}", why);
        }
        r.askStop(clock.instant());
        r.thread().interrupt();
        if (!running.containsKey(key)) {
            settleStop(r, null); // it ended between the check and the ask: its finally missed the ask
        }
        return true;
    }

    /**
     * Declares lost the stopped tries still running {@code patience} after they were asked to
     * stop (a task that ignores interrupts): their instance may run again, and their slot is freed.
     */
    void declareLost(Duration patience) {
        java.time.Instant cutoff = clock.instant().minus(patience);
        for (RunningTry r : running.values()) {
            if (r.stopAsked() && r.stopAskedAt().isBefore(cutoff)) {
                settleStop(r, "declared lost: did not stop within " + patience + " of being asked to");
            }
        }
    }

    private void settleStop(RunningTry r, String lost) {
        if (r.settle()) {
            if (lost != null) {
                LOG.warn("{}: {}; its instance may run again", r.claimed().describe(), lost);
            }
            report.accept(Outcome.stopped(r.claimed(), lost));
        }
    }

    /**
     * Takes over the tries whose thread is exiting the JVM ({@code System.exit} or
     * {@code Runtime.exit} from inside the task): their own outcomes will never come.
     *
     * @return the tries taken over
     */
    java.util.List<ClaimedTry> takeOverExiting() {
        java.util.List<ClaimedTry> exiting = new java.util.ArrayList<>();
        for (RunningTry r : running.values()) {
            if (r.isExitingJvm() && r.reported().compareAndSet(false, true)) {
                exiting.add(r.claimed());
            }
        }
        return exiting;
    }

    /**
     * Takes over every try still running: their own outcomes will not be reported, and their
     * threads are interrupted. For the end of a shutdown's grace period.
     *
     * @return the tries taken over, for the caller to hand back
     */
    java.util.List<ClaimedTry> abandonAll() {
        java.util.List<ClaimedTry> abandoned = new java.util.ArrayList<>();
        for (RunningTry r : running.values()) {
            if (r.reported().compareAndSet(false, true)) {
                abandoned.add(r.claimed());
                r.thread().interrupt();
            }
        }
        return abandoned;
    }

    private Outcome execute(ClaimedTry claimed, TryLogger log) {
        ServerTaskContext context = new ServerTaskContext(claimed, log, db, xcoms, resources, triggers, clock);
        try {
            templates.renderAndRecord(claimed, context);
            OnExecute.call(claimed.task(), context);
            run(claimed.task(), claimed, context, log);
            return Outcome.success(claimed, context.branches(), context.pushed());
        } catch (SkipTaskException e) {
            log.info("skipped: {}", e.getMessage());
            return Outcome.skipped(claimed, context.pushed());
        } catch (InterruptedException e) {
            log.error("interrupted", e);
            return Outcome.failed(claimed, "interrupted", context.pushed());
        } catch (TemplateException e) {
            log.error("task failed: {}", e.getMessage());
            return Outcome.failed(claimed, logs.mask(e.getMessage()), context.pushed());
        } catch (ChildFailure e) {
            log.error("task failed: {}", e.getMessage());
            return Outcome.failed(claimed, logs.mask(e.getMessage()), context.pushed());
        } catch (Throwable e) {
            log.error("task failed", e);
            // The error is stored and shown in the API and in callback events: mask it like the log.
            return Outcome.failed(claimed, logs.mask(e.getClass().getName() + ": " + e.getMessage()), context.pushed());
        }
    }

    /** Runs the task here, on this thread, or in a child JVM this thread owns (and stops when interrupted). */
    private void run(TaskDefinition task, ClaimedTry claimed, ServerTaskContext context, TryLogger log) throws Exception {
        if (task.isolation().orElse(defaultIsolation) == Isolation.PROCESS) {
            BundleClassPath code = BundleClassPath.of(claimed.dag());
            log.info("running in a child JVM (isolation process)");
            childJvm.run(new ChildTask(code.classPath(), code.providers(), task.jvmOptions(), task.reuse()), context, log::raw);
        } else {
            task.task().execute(context);
        }
    }

    /** Stops the warm child JVMs: the node is shutting down. */
    void close() {
        childJvm.close();
    }

    private void timeOut(ClaimedTry claimed, Thread thread, Duration limit, AtomicBoolean reported) {
        if (reported.compareAndSet(false, true)) {
            String error = "execution timeout of " + limit + " exceeded";
            try (TryLogger log = logs.logger(claimed.ti(), clock)) {
                log.error(error + "; interrupting the task");
            }
            thread.interrupt();
            report.accept(Outcome.failed(claimed, error, Map.of()));
        }
    }

    private static void cancelWhenDone(Thread thread, ScheduledFuture<?> timeout) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timeout.cancel(false);
    }
}
