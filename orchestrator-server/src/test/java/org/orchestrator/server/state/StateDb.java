package org.orchestrator.server.state;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.orchestrator.api.DataInterval;
import org.orchestrator.server.testing.TestDatabase;
import org.orchestrator.server.testing.TestEngine;

/** A migrated database of the selected kind (H2 or PostgreSQL, see {@link TestDatabase}) with helpers to seed rows. */
final class StateDb implements AutoCloseable {

    private final Database database;

    private StateDb(Database database) {
        this.database = database;
    }

    /** @return a database of the kind {@link TestDatabase} selects */
    static StateDb open() {
        return new StateDb(Database.open(TestDatabase.config(TestEngine.fresh())));
    }

    /** @return a PostgreSQL database, whichever kind the run selects */
    static StateDb openPostgres() {
        return new StateDb(Database.open(TestDatabase.postgresConfig(TestEngine.fresh())));
    }

    Jdbi jdbi() {
        return database.jdbi();
    }

    Transactions transactions() {
        return database.transactions();
    }

    /** @return the primary key of a new queued manual run */
    long run(String dagId, String runId, Instant logicalDate) {
        DagRuns.NewRun run = new DagRuns.NewRun(dagId, runId, RunType.MANUAL, logicalDate,
                new DataInterval(logicalDate, logicalDate), "{}", null, "v1");
        return database.transactions().inTransaction(h -> new DagRuns().insert(h, run, logicalDate));
    }

    /** @return the ids of {@code count} new scheduled instances of the run, tasks t0, t1, … */
    List<Long> scheduled(long runPk, int count) {
        return jdbi().inTransaction(h -> IntStream.range(0, count).mapToObj(i -> h.createUpdate(
                        "INSERT INTO task_instance (run_pk, dag_id, run_id, task_id, state, try_number, max_tries, pool, "
                                + "priority_weight) SELECT id, dag_id, run_id, :task, 'scheduled', 0, 3, 'default_pool', 1 "
                                + "FROM dag_run WHERE id = :run")
                .bind("task", "t" + i).bind("run", runPk)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()).toList());
    }

    /** @return the instance as stored */
    TaskInstanceRow instance(long id) {
        return database.transactions().withHandle(h -> new TaskInstances().find(h, id).orElseThrow());
    }

    /** @return the instance's tries as stored */
    List<TaskTries.TryRow> tries(long id) {
        return database.transactions().withHandle(h -> new TaskTries().of(h, id));
    }

    @Override
    public void close() {
        database.close();
    }
}
