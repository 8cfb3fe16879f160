package org.orchestrator.server.dagbag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.orchestrator.server.state.Transactions;
import org.orchestrator.server.state.DagRuns;

/**
 * Sweep chore: releases retired DAG versions (and with them their class loaders) that no queued
 * or running run uses any more.
 *
 * <p>A version must have been unused for a grace period first. Creating a run takes the current
 * version and commits the run a moment later; a scan can retire that version in between, and
 * without the grace the version could be released before the run that uses it is visible.
 */
public final class VersionReleaser implements Runnable {

    private final Transactions db;
    private final DagBag bag;
    private final Clock clock;
    private final Duration grace;
    private final DagRuns runs = new DagRuns();
    private final Map<String, Instant> unusedSince = new HashMap<>();

    /** @param db the database @param bag DAGs @param clock time @param grace how long a version must be unused before it goes */
    public VersionReleaser(Transactions db, DagBag bag, Clock clock, Duration grace) {
        this.db = db;
        this.bag = bag;
        this.clock = clock;
        this.grace = grace;
    }

    @Override
    public synchronized void run() {
        List<LoadedDag> retired = bag.retired();
        if (retired.isEmpty()) {
            unusedSince.clear();
            return;
        }
        Set<String> inUse = db.withHandle(runs::versionsInUse);
        Instant now = clock.instant();
        unusedSince.keySet().retainAll(retired.stream().map(LoadedDag::describe).toList());
        for (LoadedDag version : retired) {
            String key = version.describe();
            if (inUse.contains(key)) {
                unusedSince.remove(key);
                continue;
            }
            Instant since = unusedSince.computeIfAbsent(key, k -> now);
            if (!now.isBefore(since.plus(grace))) {
                bag.release(version);
                unusedSince.remove(key);
            }
        }
    }
}
