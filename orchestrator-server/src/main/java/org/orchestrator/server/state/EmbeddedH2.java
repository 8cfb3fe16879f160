package org.orchestrator.server.state;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.orchestrator.server.internal.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who can reach the embedded H2 database. Its {@code AUTO_SERVER} lets the CLI use the database
 * while a server holds it; the process holding it then listens for such clients:
 * <ul>
 *   <li>on loopback only ({@code h2.bindAddress}, pinned here before H2 reads it);</li>
 *   <li>for clients that know the random key in {@code db/orchestrator.lock.db}, which only the
 *       owner can read ({@link OwnerOnly});</li>
 *   <li>with the user's password: {@code ORCHESTRATOR_DB_PASSWORD}, or one generated into
 *       {@code <home>/db.password} (0600). A home created by an older version, whose user has an
 *       empty password, is given that password on its first start.</li>
 * </ul>
 * The owner ({@code ORCHESTRATOR_DB_USER}, {@code sa}) is H2's admin and only migrates the schema;
 * the engine's pool logs in as {@value #APP_USER}, which may read and write rows and nothing
 * else: no DDL, no {@code CREATE ALIAS} (Java code run inside the server), no {@code SCRIPT}.
 */
final class EmbeddedH2 implements AutoCloseable {

    /** The engine's own login: rows only. */
    static final String APP_USER = "ORCHESTRATOR_APP";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2.class);
    private static final String BIND_ADDRESS = "h2.bindAddress";
    /** H2's ErrorCode.WRONG_USER_OR_PASSWORD. */
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    private final DatabaseLocation config;
    private final String password;
    private final Connection owner;

    private EmbeddedH2(DatabaseLocation config, String password, Connection owner) {
        this.config = config;
        this.password = password;
        this.owner = owner;
    }

    /**
     * Opens the database as its owner, upgrading an old empty password, and makes sure the
     * engine's login exists with the current password and its rights. The owner's connection stays
     * open until {@link #close()}, so H2 opens the file once while the pool starts.
     *
     * @param config where the database is
     * @return the open database
     */
    static EmbeddedH2 open(DatabaseLocation config) {
        checkLoopback();
        String password = password(config);
        Connection owner = openUpgrading(config.jdbcUrl(), config.dbUser(), password);
        try (Statement grant = owner.createStatement()) {
            // A database setting only an admin may change; it holds for every session of the open
            // database, the engine's login included (see Database.withoutResultReuse for why).
            grant.execute("SET OPTIMIZE_REUSE_RESULTS FALSE");
            String quoted = "'" + password.replace("'", "''") + "'";
            grant.execute("CREATE USER IF NOT EXISTS " + APP_USER + " PASSWORD " + quoted);
            grant.execute("ALTER USER " + APP_USER + " SET PASSWORD " + quoted);
            grant.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON SCHEMA PUBLIC TO " + APP_USER);
            return new EmbeddedH2(config, password, owner);
        } catch (SQLException e) {
            closeQuietly(owner);
            throw new StateException("cannot set up the login " + APP_USER + " of the embedded H2 database " + config.jdbcUrl()
                    + " as " + config.dbUser() + " (must be the database's admin): " + e.getMessage(), e);
        }
    }

    /** @return the URL the engine's login uses */
    String appUrl() {
        return config.h2AppUrl();
    }

    /** @return the password of both logins */
    String password() {
        return password;
    }

    /** @return connections as the owner, who may change the schema (for the migrations) */
    DataSource owner() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(config.jdbcUrl());
        dataSource.setUser(config.dbUser());
        dataSource.setPassword(password);
        return dataSource;
    }

    @Override
    public void close() {
        closeQuietly(owner);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing the owner's first connection failed", e);
        }
    }

    /**
     * Makes H2's TCP listeners bind loopback. H2 reads the property once, when its
     * {@code SysProperties} class loads, so this runs from {@link Database}'s static initializer.
     */
    static void pinLoopback() {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, DatabaseLocation.LOOPBACK);
        }
    }

    /** Refuses an auto-server that would listen on more than loopback (H2 was loaded before {@link #pinLoopback()}, or it was overridden). */
    private static void checkLoopback() {
        String bound = org.h2.engine.SysProperties.BIND_ADDRESS;
        if (!isLoopback(bound)) {
            throw new StateException("the embedded H2 database's auto-server would listen on " + (bound == null ? "every interface" : bound)
                    + ", where other hosts could reach it; start with -D" + BIND_ADDRESS + "=127.0.0.1 or leave it unset");
        }
    }

    /** @return the password of the database user: the configured one, else the home's generated one */
    private static String password(DatabaseLocation config) {
        return config.dbPassword().isEmpty()
                ? OwnerOnly.readOrCreateSecret(config.home().resolve(OwnerOnly.DB_PASSWORD_FILE)) : config.dbPassword();
    }

    /**
     * Opens a connection with the login, giving a user with the empty password of older versions
     * the new one first. The caller keeps it open while the pool starts, so H2 opens the file once.
     *
     * @return an open connection as {@code user}
     */
    private static Connection openUpgrading(String url, String user, String password) {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException refused) {
            if (refused.getErrorCode() != WRONG_USER_OR_PASSWORD || password.isEmpty()) {
                throw new StateException("cannot open the embedded H2 database " + url + ": " + refused.getMessage(), refused);
            }
            return upgradeEmptyPassword(url, user, password, refused);
        }
    }

    private static Connection upgradeEmptyPassword(String url, String user, String password, SQLException refused) {
        try {
            Connection legacy = DriverManager.getConnection(url, user, "");
            try (Statement alter = legacy.createStatement()) {
                alter.execute("ALTER USER \"" + user.toUpperCase(Locale.ROOT).replace("\"", "\"\"")
                        + "\" SET PASSWORD '" + password.replace("'", "''") + "'");
            }
            LOG.warn("the embedded H2 database's user {} had the empty password of older versions; it now has the password "
                    + "of ORCHESTRATOR_DB_PASSWORD or {}", user, OwnerOnly.DB_PASSWORD_FILE);
            return legacy;
        } catch (SQLException alsoRefused) {
            refused.addSuppressed(alsoRefused);
            throw new StateException("cannot log into the embedded H2 database " + url + " as " + user
                    + " with ORCHESTRATOR_DB_PASSWORD or the home's " + OwnerOnly.DB_PASSWORD_FILE + ": " + refused.getMessage(), refused);
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
