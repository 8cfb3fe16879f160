package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.http.ProblemAssert.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImportErrorApiTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() throws IOException {
        api = ApiFixture.start(TestDags.greeter());
        Path dags = api.engine().orchestrator().config().dagsFolder();
        Files.createDirectories(dags);
        Files.write(dags.resolve("broken.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'});
        api.engine().orchestrator().scanDags();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_corrupt_bundle_is_listed_as_an_import_error() {
        JsonNode body = api.as(ApiFixture.VIEWER).get("/api/v1/importErrors").json();

        assertThat(body.get("total_entries").asInt()).isEqualTo(1);
        JsonNode error = body.get("import_errors").get(0);
        assertThat(error.get("filename").asText()).endsWith("broken.jar");
        assertThat(error.get("stack_trace").asText()).isNotBlank();
        assertThat(error.get("timestamp").asText()).endsWith("Z");
        long id = error.get("import_error_id").asLong();
        assertThat(api.as(ApiFixture.VIEWER).get("/api/v1/importErrors/" + id).json().get("filename").asText())
                .endsWith("broken.jar");
    }

    @Test
    void unknown_import_error_is_404_and_a_non_numeric_id_is_400() {
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/importErrors/999999"), 404);
        assertProblem(api.as(ApiFixture.VIEWER).get("/api/v1/importErrors/abc"), 400);
    }
}
