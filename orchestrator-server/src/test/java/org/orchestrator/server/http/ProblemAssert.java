package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Asserts an answer is an RFC 7807 problem with the given status. */
final class ProblemAssert {

    private ProblemAssert() {
    }

    /** @return the problem body, after checking its shape */
    static JsonNode assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").isTextual()).isTrue();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }
}
