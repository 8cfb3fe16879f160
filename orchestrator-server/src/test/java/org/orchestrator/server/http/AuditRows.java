package org.orchestrator.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.orchestrator.server.testing.TestEngine;

/** Reads audit_log rows straight from the database. */
final class AuditRows {

    private AuditRows() {
    }

    /** @return rows of one event, oldest first, as column → value */
    static List<Map<String, Object>> of(TestEngine engine, String event) {
        return engine.orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT username, event, dag_id, run_id, task_id, CAST(extra AS VARCHAR(100000)) AS extra, source_ip FROM audit_log "
                                + "WHERE event = :event ORDER BY id")
                .bind("event", event).mapToMap().list());
    }

    /** @return the row's {@code extra} column parsed as JSON */
    static JsonNode extra(Map<String, Object> row) {
        try {
            return new ObjectMapper().readTree((String) row.get("extra"));
        } catch (JsonProcessingException e) {
            throw new AssertionError("audit extra is not JSON: " + row.get("extra"), e);
        }
    }
}
