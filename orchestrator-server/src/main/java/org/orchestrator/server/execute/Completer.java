package org.orchestrator.server.execute;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskState;
import org.orchestrator.rules.CallbackRule;
import org.orchestrator.rules.RetryRule;
import org.orchestrator.server.internal.DatabaseErrors;
import org.orchestrator.server.state.CallbackRequests;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.TaskTries;
import org.orchestrator.server.state.XComs;
import org.orchestrator.server.state.TryEnd;
import org.orchestrator.server.state.TryLogPath;
import org.orchestrator.server.state.TryStops;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how tries ended. Outcomes that arrive together are written in one transaction (group
 * commit): each is still its own guarded transition, but they share one durable commit, which is
 * what lets thousands of short tasks finish per second. A batch that fails is retried one outcome
 * per transaction so one bad outcome cannot hold back the others.
 */
public final class Completer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Completer.class);
    private static final int MAX_BATCH = 512;
    /** The longest wait for in-flight outcomes to join a batch: about the time a short task takes from claim to outcome. */
    private static final long STRAGGLER_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(250);

    private final Transactions db;
    private final TaskInstances tis;
    private final TaskTries tries;
    private final CallbackRequests callbacks;
    private final RunProgress progress;
    private final RetryTimers retryTimers;
    private final Clock clock;
    private final Listener listener;
    private final CrashLimit crashLimit;
    private final TryStops stops = new TryStops();
    private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
    private final XComs xcoms = new XComs();
    private final Outlets outlets = new Outlets();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Dispatcher dispatcher;

    /** Told after each commit, outside the transaction. */
    public interface Listener {
        /** @param commit what the commit recorded */
        void committed(Committed commit);
    }

    /**
     * What a commit recorded, so that only the loops with new work are woken.
     *
     * @param freedSlots         tries recorded: their executor slots are free
     * @param claimedAlong       whether the commit also claimed the next ready tries (then the
     *                           dispatcher has nothing new to look at)
     * @param runFinished        whether a run finished (a max-active-runs slot is free)
     * @param callbacksRequested whether callback requests were written
     */
    public record Committed(int freedSlots, boolean claimedAlong, boolean runFinished, boolean callbacksRequested) { }

    Completer(Transactions db, TaskInstances tis, TaskTries tries, CallbackRequests callbacks, RunProgress progress,
              RetryTimers retryTimers, Clock clock, CrashLimit crashLimit, Listener listener) {
        this.crashLimit = crashLimit;
        this.db = db;
        this.tis = tis;
        this.tries = tries;
        this.callbacks = callbacks;
        this.progress = progress;
        this.retryTimers = retryTimers;
        this.clock = clock;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("completer").daemon().start(this::loop);
    }

    void submit(Outcome outcome) {
        queue.add(outcome);
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            try {
                Outcome first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Outcome> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                awaitStragglers(batch);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {
                LOG.error("completer loop failed; carrying on", e);
            }
        }
    }

    /**
     * Waits briefly for the outcomes of tries still in flight before committing, as PostgreSQL's
     * {@code commit_delay} does when other transactions are active. Tries claimed by one commit
     * start together and, when short, end together; without the wait the next commit took only
     * those that ended during the previous one, and batches alternated between two halves of the
     * in-flight tries, each paying a whole commit. With no other try in flight (a chain) nothing
     * waits, and the wait never exceeds {@link #STRAGGLER_WAIT_NANOS}.
     */
    private void awaitStragglers(List<Outcome> batch) throws InterruptedException {
        Dispatcher claims = dispatcher;
        if (claims == null) {
            return;
        }
        long deadline = System.nanoTime() + STRAGGLER_WAIT_NANOS;
        while (batch.size() < Math.min(MAX_BATCH, claims.inFlight())) {
            long left = deadline - System.nanoTime();
            Outcome next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    /** @param onEvents told after a commit that recorded asset events (their consumers may be due) */
    void onAssetEvents(Runnable onEvents) {
        outlets.onEvents(onEvents);
    }

    /** Claims made in the same transaction as a batch of outcomes (set once the dispatcher exists). */
    void claimAlongWith(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    private void commit(List<Outcome> batch) {
        int freed = (int) batch.stream().filter(Outcome::holdsSlot).count();
        boolean fused = dispatcher != null && dispatcher.tryHoldClaims();
        try {
            List<ClaimedTry> claimed = new ArrayList<>();
            List<Effect> effects = record(batch, fused ? claimed : null, freed);
            effects.forEach(Effect::apply);
            if (fused) {
                dispatcher.started(claimed);
            }
            boolean claimedAlong = fused && effects.stream().noneMatch(e -> e == Effect.CLAIMS_DROPPED);
            boolean runFinished = effects.stream().anyMatch(Effect::runFinished);
            listener.committed(new Committed(freed, claimedAlong, runFinished,
                    runFinished || effects.stream().anyMatch(Effect::callbacksRequested)));
        } finally {
            if (fused) {
                dispatcher.releaseClaims();
            }
        }
    }

    /**
     * Writes the outcomes (and, when {@code claimed} is given, the next claims) in one transaction.
     * While the database cannot be reached the batch is kept and retried with backoff: an outcome
     * is never dropped because of an outage (the guarded writes reject it later if this node was
     * declared dead meanwhile and the try was run again elsewhere).
     */
    private List<Effect> record(List<Outcome> batch, List<ClaimedTry> claimed, int freed) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(h -> {
                    Applied applied = applyAll(h, batch);
                    if (claimed == null) {
                        return applied.finishRuns(h, Set.of());
                    }
                    claimed.clear();
                    Dispatcher.Claim claim = dispatcher.claimWhileHeld(h, freed, applied.runRows());
                    claimed.addAll(claim.tries());
                    return applied.finishRuns(h, claim.runsWithWork());
                });
            } catch (RuntimeException e) {
                if (claimed != null) {
                    dispatcher.lostWith(claimed, e);
                    claimed.clear();
                }
                if (!DatabaseErrors.isConnectionLoss(e)) {
                    LOG.warn("group commit of {} outcomes failed, writing them one by one: {}", batch.size(), e.getMessage());
                    List<Effect> effects = new ArrayList<>();
                    batch.forEach(o -> effects.addAll(commitAlone(o)));
                    if (claimed != null) {
                        effects.add(Effect.CLAIMS_DROPPED);
                    }
                    return effects;
                }
                logOutage(batch.size(), attempt, e);
                sleepQuietly(DatabaseErrors.backoff(attempt).toMillis());
            }
        }
    }

    private static void logOutage(int outcomes, int attempt, RuntimeException e) {
        if (attempt == 1) {
            LOG.warn("database unreachable: keeping {} outcomes and retrying until it is back: {}", outcomes, e.getMessage());
        } else {
            LOG.debug("database still unreachable (attempt {}): {}", attempt, e.getMessage());
        }
    }

    private List<Effect> commitAlone(Outcome outcome) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(h -> applyAll(h, List.of(outcome)).finishRuns(h, Set.of()));
            } catch (RuntimeException e) {
                LOG.error("cannot record outcome of {} (attempt {}): {}", outcome.claimed().describe(), attempt, e.getMessage());
                if (attempt >= 5 && !DatabaseErrors.isConnectionLoss(e)) {
                    // Left running in the database: the zombie sweep retries it once this node is seen as gone.
                    return List.of();
                }
                sleepQuietly(DatabaseErrors.backoff(attempt).toMillis());
            }
        }
    }

    /**
     * Applies outcomes in one transaction: the guarded state writes and try rows as batches, then
     * for each applied outcome its callbacks, then for each touched run one decision over the
     * downstream tasks of all its outcomes. Deciding once per run rather than once per outcome
     * reads a layer's rows once, not once per finished upstream. The runs' ends are left to
     * {@link Applied#finishRuns}, after the claim that may share the transaction.
     */
    Applied applyAll(Tx h, List<Outcome> all) {
        Instant now = clock.instant();
        all.stream().filter(o -> o.result() == Outcome.Result.STOPPED).forEach(o -> stopped(h, o, now));
        List<Outcome> outcomes = all.stream().filter(o -> o.result() != Outcome.Result.STOPPED).toList();
        List<TryEnd> ends = new ArrayList<>(outcomes.size());
        outcomes.forEach(o -> ends.add(endOf(h, o, now)));
        // Before the outcome: the push is fenced on the try still running, as the outcome is.
        outcomes.forEach(o -> o.xcoms().forEach((key, json) -> xcoms.push(h, o.claimed().ti(), key, json)));
        boolean[] applied = tis.finishTries(h, ends, now);
        List<Effect> effects = new ArrayList<>();
        Map<Long, TouchedRun> touchedRuns = new LinkedHashMap<>();
        for (int i = 0; i < applied.length; i++) {
            if (applied[i]) {
                if (requestCallbacks(h, outcomes.get(i).claimed(), ends.get(i).to(), ends.get(i).error(), now)) {
                    effects.add(Effect.CALLBACKS);
                }
                effects.add(follow(h, outcomes.get(i), ends.get(i), now, touchedRuns));
            }
        }
        tries.finishAll(h, ends, applied, now);
        touchedRuns.values().forEach(touched -> touched.advance(h, progress, now));
        return new Applied(effects, touchedRuns.values(), progress, now);
    }

    /** Outcomes written and their runs advanced, in a transaction still open. */
    record Applied(List<Effect> effects, Collection<TouchedRun> runs, RunProgress progress, Instant now) {

        /** @return the rows of the touched runs, by primary key */
        Map<Long, DagRunRow> runRows() {
            Map<Long, DagRunRow> rows = new java.util.HashMap<>();
            runs.forEach(touched -> rows.put(touched.pk(), touched.run()));
            return rows;
        }

        /**
         * Finishes the touched runs that have nothing left to do, and gives what to do once the
         * transaction committed. A run known to have work left is not probed: one whose advance
         * just scheduled an instance, or one a claim in this transaction saw scheduled instances of.
         *
         * @param runsWithWork primary keys of runs known to have scheduled or running instances
         */
        List<Effect> finishRuns(Tx h, Set<Long> runsWithWork) {
            List<Effect> all = new ArrayList<>(effects);
            for (TouchedRun touched : runs) {
                if (!touched.scheduledAny() && !runsWithWork.contains(touched.pk())
                        && touched.finishIfDone(h, progress, now) != null) {
                    all.add(Effect.RUN_FINISHED);
                }
            }
            return all;
        }
    }

    private void stopped(Tx h, Outcome outcome, Instant now) {
        var ti = outcome.claimed().ti();
        stops.stopped(h, ti.id(), ti.tryNumber(), outcome.error() != null, now);
    }

    private TryEnd endOf(Tx h, Outcome outcome, Instant now) {
        ClaimedTry claimed = outcome.claimed();
        TaskState ended = tryEnded(outcome.result());
        RetryRule.Verdict verdict = RetryRule.afterTry(ended, claimed.ti().tryNumber(), claimed.ti().maxTries(), claimed.task());
        TaskState to = verdict.state();
        Instant retryAt = verdict.retryAt(now);
        String error = outcome.error();
        if (outcome.result() == Outcome.Result.CRASHED) {
            int crashes = stops.crashed(h, claimed.ti().id(), claimed.ti().tryNumber()).orElse(0);
            if (crashLimit.reached(crashes)) {
                to = TaskState.FAILED;
                retryAt = null;
                error = crashLimit.error(crashes) + " (" + error + ")";
            }
        }
        return new TryEnd(claimed.ti().id(), claimed.ti().tryNumber(), to, retryAt, error, claimed.ti().node(),
                claimed.ti().startDate(), TryLogPath.of(claimed.ti(), claimed.ti().tryNumber()));
    }

    private Effect follow(Tx h, Outcome outcome, TryEnd end, Instant now, Map<Long, TouchedRun> touchedRuns) {
        ClaimedTry claimed = outcome.claimed();
        if (end.to() == TaskState.UP_FOR_RETRY) {
            return new Effect(() -> retryTimers.schedule(end.tiId(), end.tryNumber(), end.retryAt()), false);
        }
        var dag = claimed.dag().dag();
        if (outcome.branches() != null) {
            progress.skipUnchosen(h, claimed.run(), dag, claimed.ti().taskId(), outcome.branches(), now);
        }
        touchedRuns.computeIfAbsent(claimed.run().id(), pk -> new TouchedRun(claimed)).finished(claimed.ti().taskId());
        if (end.to() == TaskState.SUCCESS && outlets.record(h, claimed, now)) {
            return new Effect(outlets::recorded, false);
        }
        return Effect.NONE;
    }

    /** A run some outcomes of the batch belong to, and the tasks downstream of them. */
    static final class TouchedRun {
        private final ClaimedTry any;
        private final Set<String> downstream = new LinkedHashSet<>();
        private int scheduled;

        TouchedRun(ClaimedTry any) {
            this.any = any;
        }

        void finished(String taskId) {
            downstream.addAll(any.dag().dag().downstream(taskId));
        }

        /** The run's row as it was read when one of the batch's tries was claimed. */
        DagRunRow run() {
            return any.run();
        }

        long pk() {
            return run().id();
        }

        void advance(Tx h, RunProgress progress, Instant now) {
            if (!downstream.isEmpty()) {
                scheduled = progress.advance(h, any.run(), any.dag().dag(), downstream, now);
            }
        }

        /** @return whether the advance scheduled an instance: then the run is not finished */
        boolean scheduledAny() {
            return scheduled > 0;
        }

        /** @return the state the run finished in, or null while it runs on */
        DagRunState finishIfDone(Tx h, RunProgress progress, Instant now) {
            return progress.finishIfDone(h, any.run(), any.dag().dag(), now);
        }
    }

    private static TaskState tryEnded(Outcome.Result result) {
        return switch (result) {
            case SUCCESS -> TaskState.SUCCESS;
            case SKIPPED -> TaskState.SKIPPED;
            case FAILED, CRASHED -> TaskState.FAILED;
            case STOPPED -> throw new IllegalStateException("a stopped try has no target state");
        };
    }

    /** @return whether the task has callbacks for that state (a request was written) */
    private boolean requestCallbacks(Tx h, ClaimedTry claimed, TaskState to, String error, Instant now) {
        if (CallbackRule.forTask(claimed.task(), to).isEmpty()) {
            return false;
        }
        callbacks.add(h, CallbackRequests.forTask(claimed.ti(), to, error), now);
        return true;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What follows a committed outcome. */
    record Effect(Runnable afterCommit, boolean runFinished, boolean callbacksRequested) {
        static final Effect NONE = new Effect(() -> { }, false, false);
        static final Effect RUN_FINISHED = new Effect(() -> { }, true, false);
        static final Effect CALLBACKS = new Effect(() -> { }, false, true);
        /** The outcomes were written one by one, without the claims that were to share their commit. */
        static final Effect CLAIMS_DROPPED = new Effect(() -> { }, false, false);

        Effect(Runnable afterCommit, boolean runFinished) {
            this(afterCommit, runFinished, false);
        }

        void apply() {
            afterCommit.run();
        }
    }
}
