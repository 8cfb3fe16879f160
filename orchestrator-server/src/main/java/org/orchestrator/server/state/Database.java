package org.orchestrator.server.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.transaction.SerializableTransactionRunner;
import org.orchestrator.server.internal.OwnerOnly;

/**
 * The connection pool, the schema and Jdbi, for H2 (default) or PostgreSQL. Times are bound and
 * read as UTC {@link OffsetDateTime}s so no JVM time zone ever leaks into stored values.
 */
public final class Database implements AutoCloseable {

    static {
        keepH2OnLoopback();
    }

    /**
     * Makes every H2 auto-server of this JVM (the engine's database, the default analytics
     * database of the example DAGs) listen on loopback only. H2 reads the setting once, when its
     * first class loads, so entry points call this before anything else.
     */
    public static void keepH2OnLoopback() {
        EmbeddedH2.pinLoopback();
    }

    private final DataSource dataSource;
    /** Who runs the migrations: the pool's login, or on the embedded H2 its owner (the pool's login may not change the schema). */
    private final DataSource schemaOwner;
    private final Jdbi jdbi;
    private final Transactions transactions;
    private final boolean postgres;
    /** Closes the pool this class opened; a caller's own data source is the caller's to close. */
    private final Runnable onClose;

    private Database(HikariDataSource pool, DataSource schemaOwner) {
        this(pool, schemaOwner, pool.getJdbcUrl().startsWith("jdbc:postgresql:"), pool::close);
    }

    private Database(DataSource dataSource, DataSource schemaOwner, boolean postgres, Runnable onClose) {
        this.dataSource = dataSource;
        this.schemaOwner = schemaOwner;
        this.jdbi = configure(Jdbi.create(dataSource));
        this.transactions = new Transactions(jdbi);
        this.postgres = postgres;
        this.onClose = onClose;
    }

    /**
     * Uses a data source the caller owns (a host application embedding the engine): its login must
     * be allowed to create the schema, which Flyway brings up to date now. {@link #close()} leaves
     * it open. H2 URLs should carry {@code OPTIMIZE_REUSE_RESULTS=FALSE} (see {@link #withoutResultReuse}).
     *
     * @param dataSource an H2 or PostgreSQL data source, pooled by the caller
     * @return an open database
     */
    public static Database open(DataSource dataSource) {
        Database database = new Database(dataSource, dataSource, isPostgres(dataSource), () -> { });
        database.migrate();
        return database;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
            throw new StateException("cannot reach the database of the given data source: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the pool and brings the schema up to date with Flyway.
     *
     * @param config where the database is
     * @return an open database
     */
    public static Database open(DatabaseLocation config) {
        Database database = connect(config);
        database.migrate();
        return database;
    }

    /**
     * Opens the pool for a short command: migrates only when the schema lacks a migration this
     * build ships, so a command that reads or changes rows of an up-to-date database never loads
     * Flyway. The server opens with {@link #open(DatabaseLocation)}, which also validates.
     *
     * @param config where the database is
     * @return an open database with the current schema
     */
    public static Database openCurrent(DatabaseLocation config) {
        Database database = connect(config);
        if (!ShippedMigrations.allApplied(database.schemaOwnerJdbi())) {
            database.migrate();
        }
        return database;
    }

    /**
     * Opens the pool without migrating (for {@code db migrate} to report on its own).
     *
     * @param config where the database is
     * @return an open database
     */
    public static Database connect(DatabaseLocation config) {
        OwnerOnly.secureHome(config.home());
        if (!config.embeddedH2()) {
            HikariDataSource pool = pool(withoutResultReuse(config.jdbcUrl()), config.dbUser(), config.dbPassword());
            return new Database(pool, pool);
        }
        try (EmbeddedH2 h2 = EmbeddedH2.open(config)) {
            return new Database(pool(h2.appUrl(), EmbeddedH2.APP_USER, h2.password()), h2.owner());
        }
    }

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(16);
        hikari.setPoolName("orchestrator-db");
        hikari.setAutoCommit(true);
        // While the database is down, callers (heartbeat, loops, /health) learn it within seconds
        // instead of Hikari's default 30 s, and back off.
        hikari.setConnectionTimeout(5_000);
        return new HikariDataSource(hikari);
    }

    /**
     * Turns H2's result reuse off. H2 (2.3) answers a repeated query from the result a connection
     * cached while another transaction was writing, until that table's change counter moves,
     * which happens only after the writer's commit is already visible: in between, a read on one
     * connection can return an older state than a read just made on another (a run read
     * {@code success}, then one of its tasks {@code running}). The engine decides on such reads
     * and the API serves them; with reuse off every query reads the committed state. Tables
     * change all the time here, so reuse rarely saved a query anyway.
     *
     * @param url the configured JDBC URL
     * @return it, with {@code OPTIMIZE_REUSE_RESULTS=FALSE} added for H2 unless it sets it
     */
    static String withoutResultReuse(String url) {
        boolean h2 = url.startsWith("jdbc:h2:");
        return h2 && !url.toUpperCase(java.util.Locale.ROOT).contains("OPTIMIZE_REUSE_RESULTS")
                ? url + ";OPTIMIZE_REUSE_RESULTS=FALSE" : url;
    }

    /** @return how many migrations were applied */
    public int migrate() {
        return Migrations.migrate(schemaOwner, schemaOwnerJdbi(), postgres);
    }

    /** @return who may change the schema: the pool, or on the embedded H2 its owner */
    DataSource schemaOwner() {
        return schemaOwner;
    }

    /** @return Jdbi as the schema's owner, for this package's schema work (the pool's login may not create tables) */
    Jdbi schemaOwnerJdbi() {
        return configure(Jdbi.create(schemaOwner));
    }

    /** @return where the server's units of work begin; everything outside this package uses it */
    public Transactions transactions() {
        return transactions;
    }

    /** @return the read side over this database: lists and lookups */
    public Reads reads() {
        return new Reads(transactions, postgres);
    }

    /** @return Jdbi over the pool, for this package and for tests that check rows directly */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** @return the pool, for Quartz */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return true on PostgreSQL, false on H2 */
    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        onClose.run();
    }

    private static Jdbi configure(Jdbi jdbi) {
        // A deadlock or serialization failure between two writers is resolved by running the
        // losing transaction again (see RetryingTransactions for the SQLStates of each database).
        jdbi.setTransactionHandler(new RetryingTransactions());
        jdbi.getConfig(SerializableTransactionRunner.Configuration.class).setMaxRetries(10);
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
        return jdbi;
    }

    /** @param home an engine's home @return the file of its embedded H2 database, for tests and tools (the benchmark weighs it) */
    public static Path h2File(Path home) {
        return home.resolve("db").resolve("orchestrator.mv.db");
    }
}
