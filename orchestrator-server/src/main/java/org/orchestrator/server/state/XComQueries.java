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

    /**
     * One stored value with the run it belongs to, for browsing across DAGs.
     *
     * @param dagId       the DAG
     * @param runId       the run's id
     * @param logicalDate the run's logical date
     * @param taskId      the task that pushed it
     * @param mapIndex    the mapped instance, -1 when not mapped
     * @param key         its key
     */
    public record XComAcross(String dagId, String runId, java.time.Instant logicalDate, String taskId, int mapIndex,
                             String key) {
    }

    /** @param dagId a DAG or null, @param runId a run or null, @param taskId a task or null, @param key a key or null @return one page, newest run first */
    public Listing<XComAcross> across(Tx h, String dagId, String runId, String taskId, String key, Page page) {
        Filter where = new Filter().eq("r.dag_id", dagId).eq("r.run_id", runId).eq("x.task_id", taskId).eq("x.xcom_key", key);
        String from = " FROM xcom x JOIN dag_run r ON r.id = x.run_pk";
        long total = where.bind(h.createQuery("SELECT COUNT(*)" + from + where.sql())).mapTo(Long.class).one();
        List<XComAcross> items = where.bind(h.createQuery("SELECT r.dag_id, r.run_id, r.logical_date, x.task_id, "
                        + "x.map_index, x.xcom_key" + from + where.sql()
                        + " ORDER BY r.id DESC, x.task_id, x.map_index, x.xcom_key LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset())
                .map((rs, ctx) -> new XComAcross(rs.getString(1), rs.getString(2), Rows.instant(rs, "logical_date"),
                        rs.getString(4), rs.getInt(5), rs.getString(6))).list();
        return new Listing<>(items, total);
    }

    /** @return one value */
    public Optional<XComRecord> find(Tx h, long runPk, String taskId, String key) {
        return list(h, runPk, taskId, key, new Page(1, 0)).items().stream().findFirst();
    }
}
