package org.orchestrator.dags.weblogs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request of a web server access log in the combined log format:
 * {@code 10.0.0.1 - alice [01/Jan/2026:10:00:00 +0000] "GET /path?q=1 HTTP/1.1" 200 512 "referer" "agent"}.
 *
 * @param at        when the request was served, in UTC
 * @param ip        the client address
 * @param method    the HTTP method
 * @param path      the path without its query string
 * @param status    the response status
 * @param bytes     the response size, or null when the server logged {@code -}
 * @param userAgent the client's user agent
 */
record AccessLogLine(Instant at, String ip, String method, String path, int status, Long bytes, String userAgent) {

    static final String CSV_HEADER = "ts,ip,method,path,status,bytes,user_agent";

    private static final Pattern COMBINED = Pattern.compile(
            "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) (\\d+|-) \"[^\"]*\" \"([^\"]*)\"$");
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    /** @param line a log line @return the request, or empty when the line is not in the combined format */
    static Optional<AccessLogLine> parse(String line) {
        Matcher m = COMBINED.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            Instant at = OffsetDateTime.parse(m.group(2), CLF).toInstant();
            String path = m.group(4).contains("?") ? m.group(4).substring(0, m.group(4).indexOf('?')) : m.group(4);
            Long bytes = m.group(6).equals("-") ? null : Long.valueOf(m.group(6));
            return Optional.of(new AccessLogLine(at, m.group(1), m.group(3), path, Integer.parseInt(m.group(5)), bytes, m.group(7)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return the fields in {@link #CSV_HEADER}'s order, the size empty when unknown */
    Object[] csvFields() {
        return new Object[] {at.toString(), ip, method, path, status, bytes == null ? "" : bytes, userAgent};
    }
}
