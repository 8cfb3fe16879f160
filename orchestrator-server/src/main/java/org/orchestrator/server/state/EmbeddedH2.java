package org.orchestrator.server.state;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.orchestrator.server.config.OwnerOnly;
import org.orchestrator.server.config.ServerConfig;
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
 */
final class EmbeddedH2 {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedH2.class);
    private static final String BIND_ADDRESS = "h2.bindAddress";
    /** H2's ErrorCode.WRONG_USER_OR_PASSWORD. */
    private static final int WRONG_USER_OR_PASSWORD = 28000;

    private EmbeddedH2() {
    }

    /**
     * Makes H2's TCP listeners bind loopback. H2 reads the property once, when its
     * {@code SysProperties} class loads, so this runs from {@link Database}'s static initializer.
     */
    static void pinLoopback() {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, ServerConfig.LOOPBACK);
        }
    }

    /** Refuses an auto-server that would listen on more than loopback (H2 was loaded before {@link #pinLoopback()}, or it was overridden). */
    static void checkLoopback() {
        String bound = org.h2.engine.SysProperties.BIND_ADDRESS;
        if (!isLoopback(bound)) {
            throw new StateException("the embedded H2 database's auto-server would listen on " + (bound == null ? "every interface" : bound)
                    + ", where other hosts could reach it; start with -D" + BIND_ADDRESS + "=127.0.0.1 or leave it unset");
        }
    }

    /** @return the password of the database user: the configured one, else the home's generated one */
    static String password(ServerConfig config) {
        return config.dbPassword().isEmpty()
                ? OwnerOnly.readOrCreateSecret(config.home().resolve(OwnerOnly.DB_PASSWORD_FILE)) : config.dbPassword();
    }

    /**
     * Opens a connection with the login, giving a user with the empty password of older versions
     * the new one first. The caller keeps it open while the pool starts, so H2 opens the file once.
     *
     * @return an open connection as {@code user}
     */
    static Connection openUpgrading(String url, String user, String password) {
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
