package org.orchestrator.server.execute.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.orchestrator.server.internal.Json;

/**
 * The private line between a node and the child JVM of one try: a Unix domain socket in an
 * owner-only directory, one JSON object per line each way. Connections and variables travel
 * here, never on a command line or in an environment another process could read.
 */
final class Channel implements AutoCloseable {

    private final SocketChannel socket;
    private final BufferedReader in;
    private final OutputStream out;

    Channel(SocketChannel socket) {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(socket), StandardCharsets.UTF_8));
        this.out = Channels.newOutputStream(socket);
    }

    /** Sends one message; safe from several threads (a task logging from threads of its own). */
    void send(Map<String, ?> message) throws IOException {
        byte[] line = (Json.write(message) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            out.write(line);
            out.flush();
        }
    }

    /** @return the next message, or null once the other side closed the line */
    Map<String, Object> receive() throws IOException {
        String line = in.readLine();
        return line == null ? null : Json.objectOf(line);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket whose peer is gone: nothing left to release
        }
    }
}
