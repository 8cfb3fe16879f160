package org.orchestrator.server.connect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.orchestrator.api.Connection;

/**
 * Tries a connection once, as Airflow's "Test" button does: a JDBC URL is opened with the
 * connection's login and checked with {@code isValid}; an HTTP(S) URL gets a {@code GET} and
 * passes below status 400. Other kinds cannot be tested. Nothing is stored, an H2 database is
 * never created nor initialised by a test, and the secret is never part of the answer.
 */
public final class ConnectionProbe {

    /**
     * The outcome.
     *
     * @param status  true when the connection answered
     * @param message what happened, for the person testing
     */
    public record Result(boolean status, String message) {
    }

    private final Duration timeout;

    /** @param timeout how long one attempt may take */
    public ConnectionProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** @return whether the connection answered, and how */
    public Result test(Connection c) {
        String url = c.url() == null ? "" : c.url();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:")) {
            return jdbc(c);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return http(url);
        }
        return new Result(false, "only JDBC and HTTP(S) connections can be tested, not '" + c.type() + "'");
    }

    private Result jdbc(Connection c) {
        String url = c.url();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            // H2 runs the SQL of INIT (RUNSCRIPT, CREATE ALIAS with Java code) while connecting: a
            // test must not become a way to run code on the server.
            if (lower.contains("init=")) {
                return new Result(false, "an H2 URL with INIT is not tested: it would run SQL on this server");
            }
            // A test opens a database, it never creates one (H2 would, for a file that is not there).
            url = lower.contains(":mem:") || lower.contains("ifexists=") ? url : url + ";IFEXISTS=TRUE";
        }
        Properties props = new Properties();
        props.setProperty("user", c.login() == null ? "" : c.login());
        props.setProperty("password", c.password() == null ? "" : c.password());
        // PostgreSQL's driver reads these (seconds); other drivers ignore unknown properties.
        props.setProperty("connectTimeout", Long.toString(timeout.toSeconds()));
        props.setProperty("loginTimeout", Long.toString(timeout.toSeconds()));
        try (java.sql.Connection db = DriverManager.getConnection(url, props)) {
            return db.isValid((int) timeout.toSeconds())
                    ? new Result(true, "Connection successfully tested (" + db.getMetaData().getDatabaseProductName() + ")")
                    : new Result(false, "the database did not answer within " + timeout.toSeconds() + " s");
        } catch (SQLException e) {
            return new Result(false, e.getMessage());
        }
    }

    private Result http(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status < 400 ? new Result(true, "Connection successfully tested (HTTP " + status + ")")
                    : new Result(false, "the server answered HTTP " + status);
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        } finally {
            client.close();
        }
    }
}
