package org.orchestrator.tasks.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A real HTTP server on a free loopback port for tests: answers each path with a programmed
 * status and body, and records every request. Close it to free the port and its threads.
 *
 * <pre>{@code
 * try (LocalHttpServer server = LocalHttpServer.start()) {
 *     server.respond("/health", 200, "{\"ok\":true}");
 *     ...
 *     assertThat(server.requests()).extracting(LocalHttpServer.Request::path).containsExactly("/health");
 * }
 * }</pre>
 */
public final class LocalHttpServer implements AutoCloseable {

    /**
     * One request as received.
     *
     * @param method  the method
     * @param path    the path with its query
     * @param headers the headers, names lower-cased, first value each
     * @param body    the body as text
     */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    /** A programmed answer. @param status the status @param body the body */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Supplier<Answer>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private LocalHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a started server */
    public static LocalHttpServer start() {
        try {
            return new LocalHttpServer();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** @param path a path (without query) @param status the status @param body the body @return this */
    public LocalHttpServer respond(String path, int status, String body) {
        return respond(path, () -> new Answer(status, body));
    }

    /** @param path a path (without query) @param answer makes each answer @return this */
    public LocalHttpServer respond(String path, Supplier<Answer> answer) {
        answers.put(path, answer);
        return this;
    }

    /** @return every request so far, in order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(), () -> new Answer(404, "no such path")).get();
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
