package org.orchestrator.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent event stream read on a virtual thread: {@link #next(Duration)} hands out each
 * event (comments skipped) as it arrives, or {@link #CLOSED} once the server ended the stream.
 */
final class EventStream implements AutoCloseable {

    /** One event: its name, data and id. */
    record Event(String name, String data, String id) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    /** Handed out after the last event, when the server closed the stream. */
    static final Event CLOSED = new Event("(closed)", "", "");

    private final HttpClient client = HttpClient.newHttpClient();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final int status;
    private final String contentType;
    private final Thread reader;

    private EventStream(HttpResponse<java.io.InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.reader = Thread.ofVirtual().start(() -> read(response.body()));
    }

    /** Opens the stream as {@code user} (password {@code <user>-password}), with extra headers as name/value pairs. */
    static EventStream open(int port, String path, String user, String... headers) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((user + ":" + user + "-password").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + auth).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpClient client = HttpClient.newHttpClient();
        return new EventStream(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    /** @return the next event, {@link #CLOSED} after the last; fails when none comes in time */
    Event next(Duration wait) throws InterruptedException {
        Event event = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + wait);
        }
        return event;
    }

    private void read(java.io.InputStream body) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            String id = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, data.toString(), id));
                    }
                    name = "message";
                    data.setLength(0);
                    id = null;
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                }
            }
        } catch (IOException e) {
            // The stream was cut: what arrived is in the queue, and CLOSED follows.
        }
        events.add(CLOSED);
    }

    @Override
    public void close() {
        reader.interrupt();
        client.close();
    }
}
