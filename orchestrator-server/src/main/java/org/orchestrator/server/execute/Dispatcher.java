package org.orchestrator.server.execute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.orchestrator.server.state.Tx;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.api.TaskOptions;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.dagbag.DagBag;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.internal.BackgroundLoop;
import org.orchestrator.server.internal.DatabaseErrors;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.SlotUse;
import org.orchestrator.server.state.TaskInstanceRow;
import org.orchestrator.server.state.TaskInstances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims scheduled task instances and starts their tries, highest priority first, never beyond
 * this node's parallelism, a DAG's max active tasks or a pool's slots. Woken when something became
 * ready; also wakes on its own, so nothing waits on a lost signal.
 */
final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(250);

    private final Transactions db;
    private final DagBag bag;
    private final TaskInstances tis;
    private final DagRuns runs;
    private final Clock clock;
    private final String node;
    private final int parallelism;
    private final Consumer<ClaimedTry> starter;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final TryMeters meters;
    private final java.util.concurrent.locks.ReentrantLock claiming = new java.util.concurrent.locks.ReentrantLock();
    private final BackgroundLoop loop;
    private final UncertainClaims uncertain;

    Dispatcher(Transactions db, DagBag bag, TaskInstances tis, DagRuns runs,
               Clock clock, String node, int parallelism, Consumer<ClaimedTry> starter, TryMeters meters) {
        this.meters = meters;
        this.db = db;
        this.bag = bag;
        this.tis = tis;
        this.runs = runs;
        this.clock = clock;
        this.node = node;
        this.parallelism = parallelism;
        this.starter = starter;
        this.uncertain = new UncertainClaims(tis, node);
        this.loop = new BackgroundLoop("dispatcher", IDLE_WAIT, this::dispatchWhileReady).start();
    }

    void wakeup() {
        loop.wakeup();
    }

    /**
     * Frees executor slots once tries are recorded.
     *
     * @param wake whether to look for work now: not when the commit that recorded them claimed
     *             the next tries in its own transaction (whatever it did not claim was not ready
     *             or not admitted then, and what becomes ready later wakes this loop itself)
     */
    void released(int count, boolean wake) {
        inFlight.addAndGet(-count);
        if (wake) {
            loop.wakeup();
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * Claims until a pass takes fewer tries than it had slots for: then the ready list held no
     * more it could admit, and looking again at once would only hold the claim lock while the
     * completer wants it to claim along with its commit (what becomes ready later wakes this
     * loop, or is claimed by that commit).
     */
    private void dispatchWhileReady() {
        while (loop.isRunning() && dispatchOnce()) {
            Thread.onSpinWait();
        }
    }

    /** @return whether the pass filled every free slot (more may be ready) */
    private boolean dispatchOnce() {
        claiming.lock();
        try {
            int free = parallelism - inFlight.get();
            if (free <= 0) {
                return false;
            }
            List<ClaimedTry> attempt = new ArrayList<>();
            List<ClaimedTry> claimed;
            try {
                claimed = db.inTransaction(h -> {
                    attempt.clear();
                    attempt.addAll(claim(h, free, Map.of()).tries());
                    return List.copyOf(attempt);
                });
            } catch (RuntimeException e) {
                lostWith(attempt, e);
                throw e;
            }
            started(claimed);
            return claimed.size() >= free;
        } finally {
            claiming.unlock();
        }
    }

    /**
     * Lets the completer claim in its own transaction, so that recording finished tries and
     * starting the next ones share one commit. Only one claim runs at a time: the holder keeps
     * the lock until its claims are counted in {@link #started}.
     *
     * @return true when the caller now holds the claim lock and must call {@link #releaseClaims()}
     */
    boolean tryHoldClaims() {
        return claiming.tryLock();
    }

    void releaseClaims() {
        claiming.unlock();
    }

    /**
     * Claims inside the caller's transaction; the caller holds the claim lock.
     *
     * @param knownRuns rows of running runs the caller holds, read when a try of theirs was
     *                  claimed: what a try takes from its run (ids, dates, conf, DAG version) does
     *                  not change while the run runs, so they are not read again
     */
    Claim claimWhileHeld(Tx h, int freedSlots, Map<Long, DagRunRow> knownRuns) {
        int free = parallelism - inFlight.get() + freedSlots;
        return free <= 0 || !loop.isRunning() ? Claim.NONE : claim(h, free, knownRuns);
    }

    /**
     * What a claim did.
     *
     * @param tries        the tries it claimed and is to start
     * @param runsWithWork the runs it saw instances of that are, within its transaction, scheduled
     *                     or running: the runs the ready list showed, except where an instance of
     *                     theirs was removed or moved by someone else meanwhile
     */
    record Claim(List<ClaimedTry> tries, Set<Long> runsWithWork) {
        static final Claim NONE = new Claim(List.of(), Set.of());
    }

    /**
     * Told that a claim transaction failed; the caller holds the claim lock. When the connection
     * broke, the commit may have gone through: the next claim transaction finds out.
     */
    void lostWith(List<ClaimedTry> attempted, RuntimeException error) {
        if (DatabaseErrors.isConnectionLoss(error) && !attempted.isEmpty()) {
            uncertain.add(attempted);
        }
    }

    /** Counts committed claims against parallelism and starts their tries. */
    void started(List<ClaimedTry> claimed) {
        uncertain.settled();
        inFlight.addAndGet(claimed.size());
        claimed.forEach(starter);
    }

    private Claim claim(Tx h, int free, Map<Long, DagRunRow> knownRuns) {
        List<ClaimedTry> confirmed = uncertain.confirm(h);
        if (!confirmed.isEmpty()) {
            LOG.warn("{} claims made as the database connection broke did commit; starting them", confirmed.size());
        }
        if (free <= confirmed.size()) {
            return new Claim(confirmed, runsOf(confirmed));
        }
        long began = System.nanoTime();
        Claim fresh = claimReady(h, free - confirmed.size(), knownRuns);
        if (!fresh.tries().isEmpty()) {
            meters.claimed(java.time.Duration.ofNanos(System.nanoTime() - began));
        }
        if (confirmed.isEmpty()) {
            return fresh;
        }
        List<ClaimedTry> claimed = new ArrayList<>(confirmed);
        claimed.addAll(fresh.tries());
        Set<Long> runs = new HashSet<>(fresh.runsWithWork());
        runs.addAll(runsOf(confirmed));
        return new Claim(claimed, runs);
    }

    private static Set<Long> runsOf(List<ClaimedTry> tries) {
        return tries.stream().map(t -> t.run().id()).collect(Collectors.toSet());
    }

    private Claim claimReady(Tx h, int free, Map<Long, DagRunRow> knownRuns) {
        List<TaskInstanceRow> ready = tis.ready(h, free + 32);
        if (ready.isEmpty()) {
            return Claim.NONE;
        }
        SlotUse use = tis.slotUse(h);
        Limits limits = new Limits(use.activeByDag(), use.activeByPool(), use.poolSlots(), tis);
        List<TaskInstanceRow> chosen = new ArrayList<>();
        for (TaskInstanceRow ti : ready) {
            // Max active tasks is a DAG-level setting: the latest version's applies to all runs.
            Optional<LoadedDag> dag = bag.latest(ti.dagId());
            if (chosen.size() < free && dag.isPresent() && limits.admitTask(h, ti, dag.get())
                    && limits.admit(ti, dag.get().dag().maxActiveTasks())) {
                chosen.add(ti);
            }
        }
        Instant now = clock.instant();
        Map<Long, DagRunRow> byPk = new HashMap<>(knownRuns);
        List<TaskInstanceRow> runnable = new ArrayList<>();
        for (TaskInstanceRow ti : chosen) {
            DagRunRow run = byPk.computeIfAbsent(ti.runPk(), pk -> runs.find(h, pk).orElseThrow());
            if (versionOf(run).dag().task(ti.taskId()).isPresent()) {
                runnable.add(ti);
            } else {
                removeMissing(h, ti, run, now);
            }
        }
        List<TaskInstanceRow> started = tis.claimAndStart(h, runnable, node, now);
        List<ClaimedTry> claimed = new ArrayList<>(started.size());
        for (TaskInstanceRow ti : started) {
            DagRunRow run = byPk.get(ti.runPk());
            claimed.add(new ClaimedTry(ti, run, versionOf(run)));
        }
        return new Claim(claimed, runsWithWork(ready, chosen, started));
    }

    /** The runs of instances left scheduled (not chosen) or started by this claim. */
    private static Set<Long> runsWithWork(List<TaskInstanceRow> ready, List<TaskInstanceRow> chosen,
                                          List<TaskInstanceRow> started) {
        Set<Long> chosenIds = chosen.stream().map(TaskInstanceRow::id).collect(Collectors.toSet());
        Set<Long> runs = new HashSet<>();
        ready.stream().filter(ti -> !chosenIds.contains(ti.id())).forEach(ti -> runs.add(ti.runPk()));
        started.forEach(ti -> runs.add(ti.runPk()));
        return runs;
    }

    /** A run runs on the version it was created with, even when a newer one is current. */
    private LoadedDag versionOf(DagRunRow run) {
        return bag.forRun(run.dagId(), run.dagVersion()).orElseThrow();
    }

    /** Only when the run's own version is gone (a restart): the version used instead lacks the task. */
    private void removeMissing(Tx h, TaskInstanceRow ti, DagRunRow run, Instant now) {
        if (tis.remove(h, ti.id(), TaskState.SCHEDULED, now)) {
            LOG.warn("{}/{}/{}: version {} is not loaded and version {} has no such task; marked removed",
                    ti.dagId(), ti.runId(), ti.taskId(), run.dagVersion(), versionOf(run).version());
        }
    }

    @Override
    public void close() {
        loop.close();
    }

    /** Counts active instances per DAG and pool while a claim picks candidates. */
    private static final class Limits {
        private final Map<String, Integer> byDag;
        private final Map<String, Integer> byPool;
        private final Map<String, Integer> slots;
        private final Map<String, Integer> byTask = new HashMap<>();
        private final TaskInstances tis;

        Limits(Map<String, Integer> byDag, Map<String, Integer> byPool, Map<String, Integer> slots, TaskInstances tis) {
            this.byDag = new HashMap<>(byDag);
            this.byPool = new HashMap<>(byPool);
            this.slots = slots;
            this.tis = tis;
        }

        /**
         * A task with {@code maxActiveTisPerDag} (typically a mapped one) admits instances while
         * fewer are active across the DAG's runs; its count is read only for such tasks.
         */
        boolean admitTask(Tx h, TaskInstanceRow ti, LoadedDag dag) {
            java.util.OptionalInt max = dag.dag().task(ti.taskId()).map(t -> t.maxActiveTisPerDag())
                    .orElse(java.util.OptionalInt.empty());
            if (max.isEmpty()) {
                return true;
            }
            String key = ti.dagId() + "\n" + ti.taskId();
            int active = byTask.computeIfAbsent(key, k -> tis.activeOfTask(h, ti.dagId(), ti.taskId()));
            if (active >= max.getAsInt()) {
                return false;
            }
            byTask.put(key, active + 1);
            return true;
        }

        boolean admit(TaskInstanceRow ti, int maxActiveTasks) {
            int poolSlots = slots.getOrDefault(ti.pool(), slots.getOrDefault(TaskOptions.DEFAULT_POOL, 128));
            if (byDag.getOrDefault(ti.dagId(), 0) >= maxActiveTasks || byPool.getOrDefault(ti.pool(), 0) >= poolSlots) {
                return false;
            }
            byDag.merge(ti.dagId(), 1, Integer::sum);
            byPool.merge(ti.pool(), 1, Integer::sum);
            return true;
        }
    }
}
