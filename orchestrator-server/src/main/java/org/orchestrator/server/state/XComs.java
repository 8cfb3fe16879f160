package org.orchestrator.server.state;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Small JSON values passed between the tasks of one run. */
public final class XComs {

    /** Stores (or replaces) a value. */
    public void push(Handle h, long runPk, String taskId, String key, String json) {
        int updated = h.createUpdate("UPDATE xcom SET xcom_value = :value WHERE run_pk = :run AND task_id = :task AND xcom_key = :key")
                .bind("value", json).bind("run", runPk).bind("task", taskId).bind("key", key).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO xcom (run_pk, task_id, xcom_key, xcom_value) VALUES (:run, :task, :key, :value)")
                    .bind("value", json).bind("run", runPk).bind("task", taskId).bind("key", key).execute();
        }
    }

    /** @return the JSON value, if any */
    public Optional<String> pull(Handle h, long runPk, String taskId, String key) {
        return h.createQuery("SELECT xcom_value FROM xcom WHERE run_pk = :run AND task_id = :task AND xcom_key = :key")
                .bind("run", runPk).bind("task", taskId).bind("key", key).mapTo(String.class).findOne();
    }

    /** @return every value of a task in a run, by key */
    public Map<String, String> ofTask(Handle h, long runPk, String taskId) {
        Map<String, String> values = new java.util.TreeMap<>();
        h.createQuery("SELECT xcom_key, xcom_value FROM xcom WHERE run_pk = :run AND task_id = :task")
                .bind("run", runPk).bind("task", taskId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> values.put(e.getKey(), e.getValue()));
        return values;
    }

    /** Drops a task's values (when it is cleared, as Airflow does). */
    public void clear(Handle h, long runPk, String taskId) {
        h.createUpdate("DELETE FROM xcom WHERE run_pk = :run AND task_id = :task").bind("run", runPk).bind("task", taskId).execute();
    }
}
