package org.orchestrator.server.http.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagRunState;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.server.http.query.TaskInstanceQueries.TaskInstanceRecord;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.DagRuns;
import org.orchestrator.server.state.TaskInstances;
import org.orchestrator.server.state.XComs;

/**
 * Airflow's clear: the chosen task instances go back to {@code none} with their retries
 * restored and their XComs dropped, and (unless told not to) their runs go back to
 * {@code queued}, so the engine's sweep starts them again and schedules the cleared tasks as
 * their upstreams allow. A running instance's try is stopped on its node, as Airflow does, and
 * its next try starts only once that one has stopped (see TryStops); scheduled and queued
 * instances are left alone.
 */
final class TaskClearing {

    private final TaskInstances tis = new TaskInstances();
    private final DagRuns runs = new DagRuns();
    private final XComs xcoms = new XComs();

    /**
     * Clears the instances, run by run, each run in its own transaction.
     *
     * @param jdbi        the database
     * @param dag         the DAG definition (for retries)
     * @param selected    the instances to clear
     * @param resetRuns   put their runs back to queued
     * @param now         the time
     * @return the instances that were cleared (another actor may have moved some first)
     */
    List<TaskInstanceRecord> clear(Jdbi jdbi, Dag dag, List<TaskInstanceRecord> selected, boolean resetRuns,
                                   Instant now) {
        List<TaskInstanceRecord> cleared = new ArrayList<>();
        for (List<TaskInstanceRecord> ofRun : byRun(selected).values()) {
            cleared.addAll(jdbi.inTransaction(h -> clearRun(h, dag, ofRun, resetRuns, now)));
        }
        return cleared;
    }

    private List<TaskInstanceRecord> clearRun(Handle h, Dag dag, List<TaskInstanceRecord> ofRun, boolean resetRuns,
                                              Instant now) {
        long runPk = ofRun.get(0).ti().runPk();
        if (resetRuns) {
            // The run row first: its lock orders us against a run finishing at the same moment,
            // whose guarded running → finished update then no longer matches.
            requeue(h, runPk, now);
        }
        List<TaskInstanceRecord> cleared = new ArrayList<>();
        for (TaskInstanceRecord record : ofRun) {
            int retries = dag.task(record.ti().taskId()).map(TaskDefinition::retries).orElse(0);
            if (tis.clear(h, record.ti(), retries)) {
                xcoms.clear(h, runPk, record.ti().taskId());
                cleared.add(record);
            }
        }
        return cleared;
    }

    private void requeue(Handle h, long runPk, Instant now) {
        for (int attempt = 0; attempt < 2; attempt++) {
            DagRunRow run = runs.find(h, runPk).orElseThrow();
            if (run.state() == DagRunState.QUEUED || runs.setState(h, runPk, run.state(), DagRunState.QUEUED, now)) {
                return;
            }
        }
    }

    private static Map<Long, List<TaskInstanceRecord>> byRun(List<TaskInstanceRecord> selected) {
        Map<Long, List<TaskInstanceRecord>> byRun = new LinkedHashMap<>();
        selected.forEach(r -> byRun.computeIfAbsent(r.ti().runPk(), pk -> new ArrayList<>()).add(r));
        return byRun;
    }
}
