package org.orchestrator.server.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code server}: scheduler, executor and web in one process, until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the scheduler, the executor and the web server until stopped (SIGTERM / Ctrl-C).")
final class ServerCommand implements Callable<Integer> {

    @Mixin
    HomeOptions home;

    @Option(names = "--port", description = "HTTP port. Default: $ORCHESTRATOR_PORT or 8080.")
    Integer port;

    @Option(names = "--grace", defaultValue = "30", description = "Seconds running tries get to finish on shutdown (default ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Override
    public Integer call() {
        ServerConfig config = home.config();
        serve(port == null ? config : config.withPort(port), graceSeconds);
        return 0;
    }

    /** Starts the engine and the HTTP server, prints where, and blocks until the JVM is asked to stop. */
    static void serve(ServerConfig config, int graceSeconds) {
        Orchestrator orchestrator = Orchestrator.start(config, Orchestrator.Options.ALL);
        HttpServer http = HttpServer.start(orchestrator, config.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            orchestrator.shutdown(Duration.ofSeconds(graceSeconds));
            stopped.countDown();
        }, "shutdown"));
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println("Orchestrator is up after " + uptime + " ms: http://localhost:" + http.port()
                + "/  (API: /api/v1, health: /health)");
        System.out.println("Home: " + config.home());
        awaitQuietly(stopped);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
