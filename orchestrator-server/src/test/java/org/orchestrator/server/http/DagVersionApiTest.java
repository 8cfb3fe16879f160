package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestEngine;
import org.orchestrator.server.testing.TestSources;

/** {@code /api/v1/dags/{dag_id}/dagVersions}: a DAG's versions, newest first, each with the source it was loaded from. */
class DagVersionApiTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static String source(String code) {
        return TestSources.provider("versions.dag", "return List.of(Dag.builder(\"coded\")"
                + ".task(\"say\", ctx -> ctx.log().info(\"" + code + " <script>alert(1)</script>\")).build());");
    }

    @Test
    void both_versions_are_listed_newest_first_with_their_sources_and_unknown_ones_are_404() throws IOException {
        Path home = TestEngine.fresh();
        Path file = Files.createDirectories(home.resolve("dags")).resolve("coded.java");
        String v1Source = source("version one");
        TestSources.write(file, v1Source);
        try (ApiFixture api = ApiFixture.start(TestEngine.start(home, Map.of()))) {
            String v1 = currentVersion(api);
            String v2Source = source("version two");
            TestSources.write(file, v2Source);
            await().atMost(DEADLINE).until(() -> !currentVersion(api).equals(v1));
            String v2 = currentVersion(api);

            JsonNode list = get(api, "/api/v1/dags/coded/dagVersions");
            assertThat(list.get("total_entries").asInt()).isEqualTo(2);
            JsonNode newest = list.get("dag_versions").get(0);
            assertThat(newest.get("version").asText()).isEqualTo(v2);
            assertThat(newest.get("dag_id").asText()).isEqualTo("coded");
            assertThat(newest.get("is_current").asBoolean()).isTrue();
            assertThat(get(api, "/api/v1/dags/coded").get("dag_version").asText()).as("the DAG names its current version").isEqualTo(v2);
            assertThat(newest.get("fileloc").asText()).endsWith("coded.java");
            assertThat(newest.get("created_at").asText()).isNotEmpty();
            assertThat(newest.has("source")).as("the list leaves sources out").isFalse();
            JsonNode oldest = list.get("dag_versions").get(1);
            assertThat(oldest.get("version").asText()).isEqualTo(v1);
            assertThat(oldest.get("is_current").asBoolean()).isFalse();

            JsonNode first = get(api, "/api/v1/dags/coded/dagVersions/" + v1);
            assertThat(first.get("source").asText()).isEqualTo(v1Source);
            assertThat(first.get("is_current").asBoolean()).isFalse();
            assertThat(get(api, "/api/v1/dags/coded/dagVersions/" + v2).get("source").asText()).isEqualTo(v2Source);

            assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/coded/dagVersions/no_such_version"), 404);
            assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/no_such_dag/dagVersions"), 404);
            assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/dags/no_such_dag/dagVersions/" + v1), 404);
        }
    }

    private static String currentVersion(ApiFixture api) {
        return api.engine().orchestrator().dags().get("coded").orElseThrow().version();
    }

    private static JsonNode get(ApiFixture api, String path) {
        ApiClient.Response response = api.as(ApiFixture.VIEWER).get(path);
        assertThat(response.status()).as(path + " -> " + response.body()).isEqualTo(200);
        return response.json();
    }
}
