package org.orchestrator.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real server in a child JVM ({@code Main server}) on a free loopback port, for crash tests.
 * Closing it always ends the process.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path output;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts {@code server} on the home and waits until {@code /health} answers. */
    public static ServerProcess start(Path home, Map<String, String> env) throws IOException {
        return start(home, env, List.of());
    }

    /**
     * Starts {@code server} with extra arguments (e.g. {@code --role worker}) and waits until
     * {@code /health} answers. Running tries get 2 s on shutdown unless the environment sets
     * {@code ORCHESTRATOR_SHUTDOWN_GRACE_SECONDS}.
     */
    public static ServerProcess start(Path home, Map<String, String> env, List<String> args) throws IOException {
        List<String> all = new ArrayList<>(args);
        if (!env.containsKey("ORCHESTRATOR_SHUTDOWN_GRACE_SECONDS")) {
            all.addAll(List.of("--grace", "2"));
        }
        return launch("server", home, env, all);
    }

    /** Starts {@code standalone} (the README's quick start) on the home and waits until {@code /health} answers. */
    public static ServerProcess standalone(Path home, Map<String, String> env) throws IOException {
        return launch("standalone", home, env, List.of());
    }

    private static ServerProcess launch(String subcommand, Path home, Map<String, String> env, List<String> args) throws IOException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.orchestrator.server.cli.Main", subcommand, "--home", home.toString(), "--port", Integer.toString(port)));
        command.addAll(args);
        Path output = home.resolve("server-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(TestDatabase.withHome(home, env));
        builder.environment().put("ORCHESTRATOR_SWEEP_INTERVAL_MS", "200");
        ServerProcess server = new ServerProcess(builder.start(), port, output);
        server.awaitHealthy();
        return server;
    }

    private void awaitHealthy() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited early; output in " + output);
            }
            try {
                return get("/health", null).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** GET with optional basic credentials ("user:password"). */
    public HttpResponse<String> get(String path, String credentials) throws IOException {
        return send(request(path, credentials).GET().build());
    }

    /** POST a JSON body with basic credentials. */
    public HttpResponse<String> post(String path, String credentials, String json) throws IOException {
        return send(request(path, credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** PATCH a JSON body with basic credentials. */
    public HttpResponse<String> patch(String path, String credentials, String json) throws IOException {
        return send(request(path, credentials).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** @return the server process's id */
    public long pid() {
        return process.pid();
    }

    private HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** kill -9: no shutdown hook, no flush, nothing. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an operator or an orchestrator stopping the node would; waits until the JVM has exited. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("node did not stop within " + within + "; output in " + output);
        }
        return process.exitValue();
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}) with {@code kill}. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** @return the node JVM's thread dump ({@code jcmd PID Thread.print}), for a test that failed to see progress */
    public String threadDump() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process dump = new ProcessBuilder(jcmd, Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dump.waitFor(30, TimeUnit.SECONDS);
        return text;
    }

    /** @return whether the JVM still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return the HTTP port */
    public int port() {
        return port;
    }

    /** @return the process's console output file */
    public Path output() {
        return output;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            signal("CONT"); // a node a test left stopped would ignore SIGTERM until continued
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
        http.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
