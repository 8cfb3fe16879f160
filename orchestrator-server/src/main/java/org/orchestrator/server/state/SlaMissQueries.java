package org.orchestrator.server.state;

import java.util.List;

/** Runs the sweep found late for their DAG's SLA, newest miss first, for the browse page and its API. */
final class SlaMissQueries {

    /** @param dagId a DAG, or null for every DAG @return one page of late runs */
    Listing<DagRunRow> list(Tx h, String dagId, Page page) {
        Filter where = new Filter().eq("dag_id", dagId).where("sla_missed_at IS NOT NULL");
        long total = where.bind(h.createQuery("SELECT COUNT(*) FROM dag_run" + where.sql())).mapTo(Long.class).one();
        List<DagRunRow> items = where.bind(h.createQuery("SELECT " + DagRunRow.COLUMNS + " FROM dag_run" + where.sql()
                        + " ORDER BY sla_missed_at DESC, id DESC LIMIT :limit OFFSET :offset"))
                .bind("limit", page.limit()).bind("offset", page.offset()).map(DagRunRow.MAPPER).list();
        return new Listing<>(items, total);
    }
}
