package org.orchestrator.server.http.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.internal.Json;

/**
 * The continuation token of a log read: base64url of {@code {"log_pos": N, "end_of_log": b}},
 * Airflow's metadata. It carries only a byte offset into the try's own log (whose path comes from
 * the database), so a forged token can at worst skip part of that same log.
 *
 * @param logPos   where the next read starts, in bytes
 * @param endOfLog true when the try has finished and everything was read
 */
record LogToken(long logPos, boolean endOfLog) {

    /** @return the token text */
    String encode() {
        byte[] json = Json.write(Map.of("log_pos", logPos, "end_of_log", endOfLog)).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /** @param token the client's token @return it decoded, or a 400 */
    static LogToken decode(String token) {
        try {
            Map<String, Object> fields = Json.objectOf(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (fields.get("log_pos") instanceof Number pos && pos.longValue() >= 0) {
                return new LogToken(pos.longValue(), Boolean.TRUE.equals(fields.get("end_of_log")));
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the 400 below: not base64, not JSON, or not an object.
        }
        throw ApiProblem.badRequest("'token' is not a continuation token this server issued: " + ApiProblem.quote(token));
    }
}
