package org.orchestrator.server.state;

import java.nio.file.Path;

/**
 * Where the database is, as {@link Database} needs it. The server's configuration implements it,
 * so persistence depends on no configuration class (and so on nothing configuration depends on).
 */
public interface DatabaseLocation {

    /** The loopback address embedded H2 servers listen on. */
    String LOOPBACK = "127.0.0.1";

    /** @return the engine home, whose {@code db/} folder holds the embedded H2 file */
    Path home();

    /** @return the configured JDBC URL; empty for the embedded H2 file in the home */
    String dbUrl();

    /** @return the JDBC URL to connect to (the H2 file's when {@link #dbUrl()} is empty) */
    String jdbcUrl();

    /** @return the database user */
    String dbUser();

    /** @return the database password */
    String dbPassword();

    /** @return true for the home's own H2 file (no database URL configured) */
    boolean embeddedH2();

    /** @return the JDBC URL the engine's pool uses for the embedded H2 file, as its unprivileged login */
    String h2AppUrl();
}
