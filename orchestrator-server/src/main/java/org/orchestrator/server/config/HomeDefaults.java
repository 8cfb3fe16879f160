package org.orchestrator.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;

/**
 * What the server answers when no connection or variable of these ids is configured, so that the
 * example DAGs run out of the box with no network (as Airflow ships default connections):
 * <ul>
 *   <li>connection {@value #ANALYTICS}: an H2 file database {@code <home>/data/analytics};</li>
 *   <li>variable {@value #DATA_DIR}: {@code <home>/data}, where pipelines stage their files.</li>
 * </ul>
 * A configured connection or variable of the same id always wins.
 */
public final class HomeDefaults implements Resources {

    /** The analytics database the example pipelines load into. */
    public static final String ANALYTICS = "analytics";
    /** The folder pipelines stage files in. */
    public static final String DATA_DIR = "data_dir";

    private final Resources configured;
    private final Path data;

    private HomeDefaults(Resources configured, Path home) {
        this.configured = configured;
        this.data = home.toAbsolutePath().resolve("data");
    }

    /**
     * @param configured the configured connections and variables
     * @param home       the server's home
     * @return them, with the home's defaults behind
     */
    public static Resources over(Resources configured, Path home) {
        return new HomeDefaults(configured, home);
    }

    /** @param home the server's home @return the JDBC URL of the default analytics database */
    public static String analyticsUrl(Path home) {
        // AUTO_SERVER lets a second process (the CLI's dags test, an operator's SQL shell) open the
        // file while the server holds it.
        return "jdbc:h2:" + home.toAbsolutePath().resolve("data").resolve(ANALYTICS) + ";AUTO_SERVER=TRUE";
    }

    @Override
    public String render(String field, String template, java.util.Map<String, ?> names) {
        return org.orchestrator.rules.template.Templates.render(field, template, names, this);
    }

    @Override
    public Connection connection(String connId) {
        try {
            return configured.connection(connId);
        } catch (OrchestratorException unknown) {
            if (!ANALYTICS.equals(connId)) {
                throw unknown;
            }
            return new Connection(ANALYTICS, "jdbc", analyticsUrl(data.getParent()), "sa", "", Map.of());
        }
    }

    @Override
    public Optional<String> variable(String key) {
        Optional<String> value = configured.variable(key);
        if (value.isPresent() || !DATA_DIR.equals(key)) {
            return value;
        }
        return Optional.of(data.toString());
    }
}
