package org.orchestrator.server.http;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Date-times the API accepts: ISO-8601 with an offset or {@code Z}, as Airflow requires. */
final class Dates {

    private Dates() {
    }

    /**
     * @param name  the field or parameter, for the error
     * @param text  e.g. {@code 2026-01-01T00:00:00Z} or {@code 2026-01-01T02:00:00+02:00}
     * @return the instant
     */
    static Instant parse(String name, String text) {
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text);
            int utcYear = parsed.toInstant().atOffset(ZoneOffset.UTC).getYear();
            // The database stores years 1-9999; anything outside is a client error, not a 500.
            if (utcYear < 1 || utcYear > 9999) {
                throw ApiProblem.badRequest("'" + name + "' must lie between the years 1 and 9999, got " + ApiProblem.quote(text));
            }
            return parsed.toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("'" + name + "' must be an ISO-8601 date-time with a time zone offset, "
                    + "e.g. 2026-01-01T00:00:00Z; got " + ApiProblem.quote(text));
        }
    }
}
