package org.orchestrator.server.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.execute.OperatorStop;
import org.orchestrator.server.cluster.NodeRoles;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code server}: the roles of a cluster node (all of them by default) until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run a node (scheduler, worker and web server by default) until stopped (SIGTERM / Ctrl-C).")
final class ServerCommand implements Callable<Integer> {

    @Mixin
    HomeOptions home;

    @Option(names = "--port", description = "HTTP port. Default: $ORCHESTRATOR_PORT or 8080.")
    Integer port;

    @Option(names = "--grace", description = "Seconds running tries get to finish on shutdown before they are handed back. "
            + "Default: $ORCHESTRATOR_SHUTDOWN_GRACE_SECONDS or 30.")
    Integer graceSeconds;

    @Option(names = "--role", description = "server (everything), or a comma-separated mix of scheduler, worker, webserver. "
            + "Default: $ORCHESTRATOR_ROLE or server.")
    String role;

    @Option(names = "--node-name", description = "This node's stable name in the cluster. Default: $ORCHESTRATOR_NODE_NAME or standalone.")
    String nodeName;

    // The build starts the server once with this flag under -XX:ArchiveClassesAtExit, so the
    // classes a start loads go into a class-data-sharing archive that cuts later starts by half.
    @Option(names = "--exit-when-up", hidden = true, description = "Start, then stop at once (trains the CDS archive).")
    boolean exitWhenUp;

    @Override
    public Integer call() {
        ServerConfig config = home.config();
        config = port == null ? config : config.withPort(port);
        config = graceSeconds == null ? config : config.withShutdownGrace(Duration.ofSeconds(graceSeconds));
        config = role == null ? config : config.withRoles(NodeRoles.parse(role));
        config = nodeName == null ? config : config.withNodeName(nodeName);
        serve(config, exitWhenUp);
        return 0;
    }

    /**
     * Starts the engine and the HTTP server (the whole web server for the webserver role, else
     * {@code /health} only), prints where, and blocks until the JVM is asked to stop, then shuts
     * down gracefully (see {@link Orchestrator#shutdown(Duration)}); or returns at once after a
     * clean stop when {@code exitWhenUp}.
     */
    static void serve(ServerConfig config, boolean exitWhenUp) {
        Orchestrator orchestrator = Orchestrator.start(config, Orchestrator.Options.of(config.roles()));
        HttpServer http = config.roles().webserver() ? HttpServer.start(orchestrator, config.port())
                : HttpServer.startHealthOnly(orchestrator, "0.0.0.0", config.port());
        Runnable stop = () -> {
            // /health keeps answering during the grace period; the web server goes last.
            orchestrator.shutdown(config.shutdownGrace());
            http.close();
        };
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println("Orchestrator node " + orchestrator.nodeId() + " (" + config.roles() + ") is up after " + uptime
                + " ms: http://localhost:" + http.port() + "/  (API: /api/v1, health: /health)");
        System.out.println("Home: " + config.home());
        if (exitWhenUp) {
            stop.run();
            return;
        }
        OperatorStop.installSignalHandlers();
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
