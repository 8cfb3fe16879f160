package org.orchestrator.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.orchestrator.api.Dag;
import org.orchestrator.server.config.ServerConfig;

/**
 * Configures an engine embedded in a host application (or a benchmark harness), in code: no
 * environment variables are read for the settings, the database may be the host's own pooled
 * {@code DataSource}, and DAGs may be passed as objects besides those found in the home's
 * {@code dags/} folder.
 *
 * <pre>{@code
 * try (Orchestrator engine = Orchestrator.builder()
 *         .home(Path.of("/var/lib/myapp/orchestrator"))
 *         .dataSource(hostPool)                  // H2 or PostgreSQL; the engine creates its tables
 *         .clock(Clock.systemUTC())
 *         .parallelism(8).shutdownGrace(Duration.ofSeconds(20))
 *         .dags(MyDags.nightly())
 *         .start()) {
 *     DagRunRow run = engine.ops().runs().trigger(Actor.cli(), engine.dags().get("nightly").orElseThrow(),
 *             new RunActions.Trigger(null, null, Map.of(), null));
 *     engine.awaitRun("nightly", run.runId(), Duration.ofMinutes(5));
 * }   // close() lets running tries finish for the grace period
 * }</pre>
 */
public final class OrchestratorBuilder {

    private ServerConfig settings = ServerConfig.fromEnvironment(Map.of());
    private DataSource dataSource;
    private Clock clock = Clock.systemUTC();
    private Orchestrator.Options options = Orchestrator.Options.ALL;
    private final List<Dag> dags = new ArrayList<>();

    OrchestratorBuilder() {
    }

    /**
     * Sets every setting at once (defaults: those of {@link ServerConfig#fromEnvironment(Map)} with
     * an empty environment). The other setters change one setting of these.
     *
     * @param settings the settings
     * @return this builder
     */
    public OrchestratorBuilder settings(ServerConfig settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Sets the folder holding the {@code dags/} folder, the task logs and the secret key (default
     * {@code ~/orchestrator}), and the embedded H2 database when no data source is given.
     *
     * @param home the folder, created when missing
     * @return this builder
     */
    public OrchestratorBuilder home(Path home) {
        this.settings = settings.withHome(home);
        return this;
    }

    /**
     * Sets the database: the caller's data source, which the engine uses as it is (pool size and
     * all) and does not close. Without one, the engine opens its embedded H2 file in the home.
     *
     * @param dataSource an H2 or PostgreSQL data source whose login may create tables
     * @return this builder
     */
    public OrchestratorBuilder dataSource(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        return this;
    }

    /**
     * Sets the clock the engine reads business time from: run dates, retry due times, SLA
     * deadlines, heartbeats (default the system's UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public OrchestratorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets how many task tries run at once (default 32).
     *
     * @param parallelism at least 1
     * @return this builder
     */
    public OrchestratorBuilder parallelism(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        this.settings = settings.withParallelism(parallelism);
        return this;
    }

    /**
     * Sets how long running tries may finish when the engine is closed before they are handed back
     * (default 30 s).
     *
     * @param grace zero or more
     * @return this builder
     */
    public OrchestratorBuilder shutdownGrace(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("shutdown grace must not be negative, got " + grace);
        }
        this.settings = settings.withShutdownGrace(grace);
        return this;
    }

    /**
     * Sets what the engine runs (default everything: Quartz timers, the repair sweep, the executor).
     *
     * @param options the roles
     * @return this builder
     */
    public OrchestratorBuilder options(Orchestrator.Options options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Adds DAGs defined in code, besides the bundles of the home's {@code dags/} folder.
     *
     * @param more the DAGs
     * @return this builder
     */
    public OrchestratorBuilder dags(Dag... more) {
        return dags(List.of(more));
    }

    /**
     * Adds DAGs defined in code, besides the bundles of the home's {@code dags/} folder.
     *
     * @param more the DAGs
     * @return this builder
     */
    public OrchestratorBuilder dags(Collection<Dag> more) {
        dags.addAll(more);
        return this;
    }

    /** {@return the engine, started: schema migrated, DAGs loaded, loops running} */
    public Orchestrator start() {
        return Orchestrator.start(settings, options, List.copyOf(dags), clock, dataSource);
    }
}
