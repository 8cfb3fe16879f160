package org.orchestrator.server.state;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** XCom values of a run as the API lists them. */
public final class XComQueries {

    /**
     * One stored value.
     *
     * @param taskId the task that pushed it
     * @param key    its key
     * @param json   the value as JSON text
     */
    public record XComRecord(String taskId, String key, String json) {
    }

    /** @return one page of a task's values, by key */
    public Listing<XComRecord> list(Tx h, long runPk, String taskId, String key, Page page) {
        Filter where = new Filter().eq("run_pk", runPk).eq("task_id", taskId).eq("xcom_key", key);
        long total = where.bind(h.createQuery("SELECT COUNT(*) FROM xcom" + where.sql())).mapTo(Long.class).one();
        List<XComRecord> items = where.bind(h.createQuery("SELECT task_id, xcom_key, xcom_value FROM xcom"
                        + where.sql() + " ORDER BY task_id, xcom_key LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map((rs, ctx) -> new XComRecord(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        return new Listing<>(items, total);
    }

    /** @return one value */
    public Optional<XComRecord> find(Tx h, long runPk, String taskId, String key) {
        return list(h, runPk, taskId, key, new Page(1, 0)).items().stream().findFirst();
    }
}
