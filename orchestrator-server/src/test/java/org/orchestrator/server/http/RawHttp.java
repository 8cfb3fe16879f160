package org.orchestrator.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Sends a request exactly as written, for what {@link java.net.http.HttpClient} refuses to send
 * (bad percent-encoding, raw dots, odd headers). One request per connection.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** An answer: status, the Content-Type header, the body. */
    record Answer(int status, String contentType, String body) {
    }

    /** @return the answer to {@code GET target} as the given user */
    static Answer get(int port, String target, String user) {
        String auth = user == null ? "" : "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + user + "-password").getBytes(StandardCharsets.UTF_8)) + "\r\n";
        return send(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "Connection: close\r\n\r\n");
    }

    /** @return the answer to a raw request */
    static Answer send(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + request.lines().findFirst().orElse(""), e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Answer parse(String raw) {
        int headerEnd = raw.indexOf("\r\n\r\n");
        String head = headerEnd < 0 ? raw : raw.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : raw.substring(headerEnd + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return new Answer(status, contentType, body);
    }
}
