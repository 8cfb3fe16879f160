package org.orchestrator.server.state;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Small JSON values passed between the tasks of one run. Each instance of a mapped task has its
 * own values (its map index is part of the key); an unmapped task's values have map index -1.
 */
public final class XComs {

    /** The pushing try still owns its task instance. */
    private static final String OWNER =
            "EXISTS (SELECT 1 FROM task_instance WHERE id = :ti AND try_number = :try AND state = 'running')";

    /**
     * Stores (or replaces) a value pushed by a try, only while that try still owns its task
     * instance: a late push of a reaped try is rejected and counted in {@link StaleWrites}.
     *
     * @return true if stored
     */
    public boolean push(Tx h, TaskInstanceRow ti, String key, String json) {
        int written = write(h, "UPDATE xcom SET xcom_value = :value WHERE run_pk = :run AND task_id = :task "
                + "AND map_index = :index AND xcom_key = :key AND " + OWNER, ti, key, json);
        if (written == 0) {
            written = write(h, "INSERT INTO xcom (run_pk, task_id, map_index, xcom_key, xcom_value) SELECT :run, :task, :index, :key, "
                    + ":value WHERE " + OWNER + " AND NOT EXISTS (SELECT 1 FROM xcom WHERE run_pk = :run AND task_id = :task "
                    + "AND map_index = :index AND xcom_key = :key)", ti, key, json);
        }
        if (written == 0) {
            StaleWrites.rejected("XCom '" + key + "'", ti.id(), ti.tryNumber());
        }
        return written == 1;
    }

    private static int write(Tx h, String sql, TaskInstanceRow ti, String key, String json) {
        return h.createUpdate(sql).bind("value", json).bind("run", ti.runPk()).bind("task", ti.taskId()).bind("key", key)
                .bind("index", ti.mapIndex()).bind("ti", ti.id()).bind("try", ti.tryNumber()).execute();
    }

    /** @return the JSON value an unmapped task pushed, if any */
    public Optional<String> pull(Tx h, long runPk, String taskId, String key) {
        return h.createQuery("SELECT xcom_value FROM xcom WHERE run_pk = :run AND task_id = :task AND map_index = -1 "
                        + "AND xcom_key = :key")
                .bind("run", runPk).bind("task", taskId).bind("key", key).mapTo(String.class).findOne();
    }

    /** @return the JSON values every instance of a task pushed under the key, in map-index order */
    public java.util.List<String> pullAll(Tx h, long runPk, String taskId, String key) {
        return h.createQuery("SELECT xcom_value FROM xcom WHERE run_pk = :run AND task_id = :task AND xcom_key = :key "
                        + "ORDER BY map_index")
                .bind("run", runPk).bind("task", taskId).bind("key", key).mapTo(String.class).list();
    }

    /** @return every value of a task instance in a run, by key */
    public Map<String, String> ofTask(Tx h, long runPk, String taskId, int mapIndex) {
        Map<String, String> values = new java.util.TreeMap<>();
        h.createQuery("SELECT xcom_key, xcom_value FROM xcom WHERE run_pk = :run AND task_id = :task AND map_index = :index")
                .bind("run", runPk).bind("task", taskId).bind("index", mapIndex)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> values.put(e.getKey(), e.getValue()));
        return values;
    }

    /** Drops a task instance's values (when it is cleared, as Airflow does). */
    public void clear(Tx h, long runPk, String taskId, int mapIndex) {
        h.createUpdate("DELETE FROM xcom WHERE run_pk = :run AND task_id = :task AND map_index = :index")
                .bind("run", runPk).bind("task", taskId).bind("index", mapIndex).execute();
    }
}
