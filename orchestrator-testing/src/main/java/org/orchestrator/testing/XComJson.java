package org.orchestrator.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.orchestrator.api.OrchestratorException;

/**
 * XComs go through JSON in a local run exactly as on the server (same mapper settings), so a value
 * that would not survive the server's store fails in a unit test too.
 */
final class XComJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private XComJson() {
    }

    static String write(String taskId, String key, Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new OrchestratorException("XCom '" + key + "' of task '" + taskId + "' is not JSON-serialisable: " + e.getMessage(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new OrchestratorException("XCom value " + json + " cannot be read as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
