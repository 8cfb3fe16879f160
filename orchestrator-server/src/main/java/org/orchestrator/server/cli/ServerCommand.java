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

    // The build starts the server once with this flag under -XX:ArchiveClassesAtExit, so the
    // classes a start loads go into a class-data-sharing archive that cuts later starts by half.
    @Option(names = "--exit-when-up", hidden = true, description = "Start, then stop at once (trains the CDS archive).")
    boolean exitWhenUp;

    @Override
    public Integer call() {
        ServerConfig config = home.config();
        serve(port == null ? config : config.withPort(port), graceSeconds, exitWhenUp);
        return 0;
    }

    /**
     * Starts the engine and the HTTP server, prints where, and blocks until the JVM is asked to
     * stop (or returns at once after a clean stop when {@code exitWhenUp}).
     */
    static void serve(ServerConfig config, int graceSeconds, boolean exitWhenUp) {
        Orchestrator orchestrator = Orchestrator.start(config, Orchestrator.Options.ALL);
        HttpServer http = HttpServer.start(orchestrator, config.port());
        Runnable stop = () -> {
            http.close();
            orchestrator.shutdown(Duration.ofSeconds(graceSeconds));
        };
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println("Orchestrator is up after " + uptime + " ms: http://localhost:" + http.port()
                + "/  (API: /api/v1, health: /health)");
        System.out.println("Home: " + config.home());
        if (exitWhenUp) {
            stop.run();
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "shutdown"));
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
