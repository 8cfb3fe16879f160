package org.orchestrator.dags.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the web server access log that {@code server_logs_hourly} ships
 * ({@code weblogs/access.log}): {@value #LINES} requests in the combined log format over
 * 2026-01-01 and 2026-01-02 (UTC), busier by day than by night, in time order, the same bytes
 * every time (fixed seed), with a malformed line every {@value #JUNK_EVERY} lines.
 *
 * <p>Regenerate with {@code java dags/src/test/java/org/orchestrator/dags/samples/AccessLogGenerator.java
 * dags/src/main/resources/org/orchestrator/dags/weblogs/access.log}.
 */
public final class AccessLogGenerator {

    static final int LINES = 4000;
    static final int JUNK_EVERY = 200;
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final long SEED = 8080L;
    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final String[] PATHS = {
        "/", "/", "/", "/login", "/api/orders", "/api/orders", "/api/orders/42", "/api/loans", "/static/app.js",
        "/static/app.css", "/static/logo.png", "/search?q=loans", "/checkout", "/health",
    };
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST"};
    private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 200, 200, 304, 301, 404, 404, 500, 503};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "curl/8.5.0", "Googlebot/2.1 (+http://www.google.com/bot.html)",
    };

    private AccessLogGenerator() {
    }

    /** @return the log's lines, in time order */
    public static List<String> lines() {
        Random random = new Random(SEED);
        List<Long> seconds = new ArrayList<>(LINES);
        long span = 2 * 24 * 3600;
        while (seconds.size() < LINES) {
            long s = (long) (random.nextDouble() * span);
            int hour = (int) (s / 3600 % 24);
            // Keep night-time requests less often, so the hourly aggregates have a shape.
            if (hour >= 7 && hour < 23 || random.nextInt(4) == 0) {
                seconds.add(s);
            }
        }
        seconds.sort(null);
        List<String> lines = new ArrayList<>(LINES);
        for (int i = 0; i < LINES; i++) {
            Instant at = START.plusSeconds(seconds.get(i));
            lines.add((i + 1) % JUNK_EVERY == 0 ? junk(random, at) : line(random, at));
        }
        return lines;
    }

    private static String line(Random random, Instant at) {
        String ip = "10." + random.nextInt(4) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        String user = random.nextInt(10) == 0 ? "alice" : "-";
        int status = STATUSES[random.nextInt(STATUSES.length)];
        String bytes = status == 304 ? "-" : Integer.toString(200 + random.nextInt(50_000));
        String referer = random.nextBoolean() ? "-" : "https://shop.example/";
        return ip + " - " + user + " [" + CLF.format(at) + "] \"" + METHODS[random.nextInt(METHODS.length)] + " "
                + PATHS[random.nextInt(PATHS.length)] + " HTTP/1.1\" " + status + " " + bytes + " \"" + referer + "\" \""
                + AGENTS[random.nextInt(AGENTS.length)] + "\"";
    }

    /** Truncated writes and stray binary requests, as real logs have. */
    private static String junk(Random random, Instant at) {
        return random.nextBoolean()
                ? "10.0.0." + random.nextInt(255) + " - - [" + CLF.format(at) + "] \"GET /api/ord"
                : "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03";
    }

    /**
     * @param args the file to write
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), lines(), StandardCharsets.UTF_8);
    }
}
