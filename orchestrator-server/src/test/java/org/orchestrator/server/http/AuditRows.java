package org.orchestrator.server.http;

import java.util.List;
import java.util.Map;
import org.orchestrator.server.testing.TestEngine;

/** Reads audit_log rows straight from the database. */
final class AuditRows {

    private AuditRows() {
    }

    /** @return rows of one event, oldest first, as column → value */
    static List<Map<String, Object>> of(TestEngine engine, String event) {
        return engine.orchestrator().jdbi().withHandle(h -> h.createQuery(
                        "SELECT username, event, dag_id, run_id, task_id, CAST(extra AS VARCHAR(100000)) AS extra, source_ip FROM audit_log "
                                + "WHERE event = :event ORDER BY id")
                .bind("event", event).mapToMap().list());
    }
}
