package org.orchestrator.server.http;

import java.time.Instant;
import java.time.OffsetDateTime;
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
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("'" + name + "' must be an ISO-8601 date-time with a time zone offset, "
                    + "e.g. 2026-01-01T00:00:00Z; got " + ApiProblem.quote(text));
        }
    }
}
