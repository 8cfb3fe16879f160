package org.orchestrator.server.http;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.orchestrator.server.config.HomeDefaults;
import org.orchestrator.server.dagbag.LoadedDag;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.testing.TestEngine;

/**
 * The real server with the example DAG jar it bundles (as {@code standalone} copies it into the
 * dags folder), DAGs paused at creation so only the runs a test makes happen, the REST API with
 * one user per role, and the default analytics database {@code <home>/data/analytics} to read back.
 */
final class ExamplesFixture implements AutoCloseable {

    static final String EXAMPLES = "/org/orchestrator/server/examples/example-dags.jar";

    private final Path home;
    private final ApiFixture api;
    private final RunWaits runs;

    private ExamplesFixture(Path home, ApiFixture api) {
        this.home = home;
        this.api = api;
        this.runs = new RunWaits(api);
    }

    static ExamplesFixture start() {
        Path home = TestEngine.fresh();
        copyExampleJar(home.resolve("dags"));
        TestEngine engine = TestEngine.start(home, Map.of("ORCHESTRATOR_DAGS_PAUSED_AT_CREATION", "true"));
        return new ExamplesFixture(home, ApiFixture.start(engine));
    }

    private static void copyExampleJar(Path dags) {
        try (InputStream jar = ExamplesFixture.class.getResourceAsStream(EXAMPLES)) {
            if (jar == null) {
                throw new IllegalStateException(EXAMPLES + " is not on the test class path: build with the dags module "
                        + "(./mvnw -pl dags,orchestrator-server -am verify) so the server bundles the example jar");
            }
            Files.createDirectories(dags);
            Files.copy(jar, dags.resolve("example-dags.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the lines of a file inside the bundled example jar, as shipped */
    List<String> shippedLines(String entry) {
        try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + home.resolve("dags/example-dags.jar").toUri()), Map.of())) {
            return Files.readAllLines(jar.getPath(entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApiFixture api() {
        return api;
    }

    RunWaits runs() {
        return runs;
    }

    /** Waits until the dags folder's DAG is loaded. @return it */
    LoadedDag dag(String dagId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> api.engine().orchestrator().dags().get(dagId).isPresent());
        return api.engine().orchestrator().dags().get(dagId).orElseThrow();
    }

    /** Creates a backfill run of the interval starting at {@code logicalDate}, as the scheduler would. @return its run id */
    String runInterval(String dagId, Instant logicalDate) {
        List<DagRunRow> created = api.engine().orchestrator().runs().backfill(dag(dagId), logicalDate, logicalDate);
        return created.getFirst().runId();
    }

    /** Waits for the run to finish; fails with every task's state when it did not succeed. */
    void awaitSuccess(String dagId, String runId, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(100)).until(() -> {
            String state = runs.runState(dagId, runId);
            return "success".equals(state) || "failed".equals(state);
        });
        String state = runs.runState(dagId, runId);
        if (!"success".equals(state)) {
            throw new AssertionError(dagId + " run " + runId + " ended " + state + ": "
                    + api.as(ApiFixture.VIEWER).get("/api/v1/dags/" + dagId + "/dagRuns/" + runId + "/taskInstances").body());
        }
    }

    /** Clears every task instance of a finished run through the REST API, as an operator reruns an interval. */
    void clear(String dagId, String runId) {
        ApiClient.Response response = api.as(ApiFixture.OP).post("/api/v1/dags/" + dagId + "/clearTaskInstances",
                "{\"dry_run\": false, \"only_failed\": false, \"dag_run_id\": \"" + runId + "\"}");
        if (response.status() != 200) {
            throw new AssertionError("clear failed: " + response.body());
        }
    }

    /** @param sql a query on the analytics database @return its rows */
    List<List<Object>> analytics(String sql) {
        try (Connection c = DriverManager.getConnection(HomeDefaults.analyticsUrl(home), "sa", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("analytics query failed: " + sql, e);
        }
    }

    /** @return every row of each table, ordered by all its columns, as text: equal dumps mean equal tables */
    Map<String, List<String>> dump(String... tables) {
        Map<String, List<String>> dump = new LinkedHashMap<>();
        for (String table : tables) {
            String allColumns = IntStream.rangeClosed(1, columnCount(table)).mapToObj(Integer::toString)
                    .collect(Collectors.joining(", "));
            dump.put(table, analytics("SELECT * FROM " + table + " ORDER BY " + allColumns).stream().map(Object::toString).toList());
        }
        return dump;
    }

    private int columnCount(String table) {
        try (Connection c = DriverManager.getConnection(HomeDefaults.analyticsUrl(home), "sa", "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            return rs.getMetaData().getColumnCount();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the columns of " + table, e);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
