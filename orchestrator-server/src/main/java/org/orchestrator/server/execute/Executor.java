package org.orchestrator.server.execute;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.Resources;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.execute.isolation.IsolationConfig;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.state.XComs;

/**
 * This node's executor: claims ready task instances, runs their tries on virtual threads, records
 * outcomes in group commits, and runs callbacks. The one entry point other packages use.
 */
public final class Executor implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Executor.class);
    private static final String EXITED = "crash: the JVM exited, unasked, while this try ran";

    private final Dispatcher dispatcher;
    private final Completer completer;
    private final CallbackRunner callbacks;
    private final ScheduledExecutorService watchdog;
    private final Runnable onRunFinished;
    private final TryMeters meters = new TryMeters();
    private final TryRunner runner;
    private final HandBack handBack;
    private final TryWatch watch;

    /**
     * Wiring of the executor's parts.
     *
     * @param db          the database
     * @param bag           loaded DAGs
     * @param logs          try log files
     * @param retryTimers   how retries are timed
     * @param clock         time
     * @param node          this node's name
     * @param resources     connections and variables tasks and callbacks may use
     * @param links         links into the dashboard, for callback events
     * @param parallelism   tries at once on this node
     * @param onRunFinished told when a run finished (a max-active-runs slot is free)
     * @param heartbeat     how often running tries are checked against the database
     * @param crashLimit    node deaths under an instance's tries that fail it for good
     */
    public record Settings(Transactions db, DagBag bag, TryLogs logs, RetryTimers retryTimers, Clock clock, String node,
                           int parallelism, Runnable onRunFinished, Resources resources, Links links, Duration heartbeat,
                           CrashLimit crashLimit) {
    }

    /** @param s wiring @param progress run progress rules applied to state */
    public Executor(Settings s, RunProgress progress) {
        TaskInstances tis = new TaskInstances();
        TaskTries tries = new TaskTries();
        DagRuns runs = new DagRuns();
        CallbackRequests requests = new CallbackRequests();
        this.onRunFinished = s.onRunFinished();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("timeouts").daemon().factory());
        this.callbacks = new CallbackRunner(s.db(), s.bag(), requests, runs, s.resources(), s.links());
        this.completer = new Completer(s.db(), tis, tries, requests, progress, s.retryTimers(), s.clock(), s.crashLimit(),
                this::committed);
        this.handBack = new HandBack(s.db(), s.clock(), s.node());
        this.runner = new TryRunner(s.db(), new XComs(), s.resources(), s.logs(), s.clock(), watchdog, completer::submit,
                meters, IsolationConfig.fromEnvironment(System.getenv()));
        this.dispatcher = new Dispatcher(s.db(), s.bag(), tis, runs, s.clock(), s.node(),
                s.parallelism(), runner::start, meters);
        completer.claimAlongWith(dispatcher);
        this.watch = new TryWatch(s.db(), runner, s.node(), s.heartbeat());
    }

    /**
     * Wakes only the loops a commit gave work: the dispatcher when the commit did not claim the
     * next tries itself, the callback runner when it wrote requests. Waking them after every
     * commit cost each a transaction per task that found nothing.
     */
    private void committed(Completer.Committed commit) {
        dispatcher.released(commit.freedSlots(), !commit.claimedAlong());
        if (commit.callbacksRequested()) {
            callbacks.wakeup();
        }
        if (commit.runFinished()) {
            onRunFinished.run();
        }
    }

    /** Something became ready: look for work now. */
    public void wakeup() {
        dispatcher.wakeup();
        callbacks.wakeup();
    }

    /**
     * An action may have taken task instances away from their running tries (mark, clear, a
     * run's state, a delete): stop those running here now rather than at the next heartbeat.
     * Other nodes find out from the database within their heartbeat.
     */
    public void checkRunningTries() {
        watch.wakeup();
    }

    /** @param triggers how tasks trigger runs of other DAGs (TriggerDagRunTask) on this node */
    public void runTriggers(RunTriggers triggers) {
        runner.runTriggers(triggers);
    }

    /** @param onEvents told after a commit that recorded the asset events of successful tries */
    public void onAssetEvents(Runnable onEvents) {
        completer.onAssetEvents(onEvents);
    }

    /** @return tries claimed by this node and not yet recorded as finished */
    public int inFlight() {
        return dispatcher.inFlight();
    }

    /**
     * @return this node's try meters (scheduling delay, durations); add an exporting registry
     * to it to publish them
     */
    public io.micrometer.core.instrument.composite.CompositeMeterRegistry meters() {
        return meters.registry();
    }

    /**
     * Fails the running try of an instance whose node died, through the same path as any failed
     * try: it is retried while tries are left.
     *
     * @param ti     the instance, state running
     * @param run    its run
     * @param dag    its DAG
     * @param reason why it is a zombie
     */
    public void failZombie(TaskInstanceRow ti, DagRunRow run, LoadedDag dag, String reason) {
        completer.submit(Outcome.zombie(new ClaimedTry(ti, run, dag), reason));
    }

    /**
     * Stops claiming, waits up to the grace period for running tries to be recorded, hands back
     * the tries still running then (see {@link HandBack}), then stops.
     *
     * @param grace how long running tries may take to finish
     */
    public void shutdown(Duration grace) {
        dispatcher.close();
        watch.close();
        boolean unasked = OperatorStop.isUnaskedExit();
        boolean culprits = unasked && chargeExiting();
        long deadline = System.nanoTime() + grace.toNanos();
        while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        var unfinished = runner.abandonAll();
        if (unasked && !culprits && !unfinished.isEmpty()) {
            // Something exited the JVM, and no try is inside the exit call: any of them may have
            // caused it (e.g. from a thread of its own), so each is charged as a crash.
            LOG.warn("the JVM is exiting and nobody asked it to: charging {} unfinished tries as crashed", unfinished.size());
            unfinished.forEach(claimed -> completer.submit(Outcome.crashed(claimed, EXITED)));
        } else if (!unfinished.isEmpty()) {
            LOG.info("grace period of {} over: handing back {} unfinished tries", grace, unfinished.size());
            handBack.handBack(unfinished);
        }
        runner.close();
        completer.close();
        callbacks.close();
        watchdog.shutdownNow();
    }

    /** @return whether tries were found inside the JVM's exit call, now charged as crashed */
    private boolean chargeExiting() {
        var exiting = runner.takeOverExiting();
        for (ClaimedTry claimed : exiting) {
            LOG.error("{} called System.exit: the node is going down; charging the try as crashed", claimed.describe());
            completer.submit(Outcome.crashed(claimed, "crash: the task exited the JVM (System.exit) while this try ran"));
        }
        return !exiting.isEmpty();
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }
}
