package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;

/**
 * Bad input never yields a 5xx: thousands of generated requests (see {@link BadRequests}) against
 * a real server, each answered with a 4xx problem or a correct 2xx; the server and the engine are
 * fine afterwards. {@code -Dfuzz.requests=N} and {@code -Dfuzz.seed=S} change the run.
 */
class FuzzApiTest {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("fuzz.seed", 20_260_101L);

    @Test
    void ten_thousand_generated_bad_requests_never_yield_a_5xx() {
        Dag dag = Dag.builder("fuzzed").param("greeting", "hi")
                .task("work", ctx -> ctx.log().info("conf {}", ctx.conf())).build();
        try (ApiFixture api = ApiFixture.start(dag)) {
            RunWaits runs = new RunWaits(api);
            BadRequests requests = new BadRequests(SEED, "fuzzed", "fz_run", "work");
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (int i = 0; i < REQUESTS; i++) {
                if (i % 500 == 0) {
                    ensureRun(api, runs);
                }
                BadRequests.Request request = requests.next();
                RawHttp.Answer answer = RawHttp.send(api.port(), request.method(), request.target(), request.headers(), request.body());
                check(request, answer);
                byStatus.merge(answer.status(), 1, Integer::sum);
            }
            System.out.println("fuzz: " + REQUESTS + " requests, seed " + SEED + ", answers by status " + byStatus);

            assertThat(api.anonymous().get("/health").json().at("/metadatabase/status").asText()).isEqualTo("healthy");
            runs.trigger("fuzzed", "after_fuzz");
            runs.awaitRun("fuzzed", "after_fuzz", "success");
        }
    }

    private static void ensureRun(ApiFixture api, RunWaits runs) {
        if (api.as(ApiFixture.VIEWER).get("/api/v1/dags/fuzzed/dagRuns/fz_run").status() == 404) {
            runs.trigger("fuzzed", "fz_run");
        }
    }

    private static void check(BadRequests.Request request, RawHttp.Answer answer) {
        String what = request.describe() + " -> " + answer.status() + " " + answer.contentType() + " "
                + answer.body().substring(0, Math.min(answer.body().length(), 500));
        assertThat(answer.status()).as(what).isBetween(200, 499);
        if (request.method().equals("HEAD") || answer.status() == 204) {
            return;
        }
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            JsonNode problem = parse(answer.body(), what);
            assertThat(problem.get("status").asInt()).as(what).isEqualTo(answer.status());
            assertThat(problem.get("title").asText()).as(what).isNotBlank();
            return;
        }
        assertThat(answer.contentType()).as(what).matches("(application/json|text/plain|text/html).*");
        if (answer.contentType().startsWith("application/json")) {
            parse(answer.body(), what);
        }
    }

    private static JsonNode parse(String body, String what) {
        try {
            return ApiClient.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + what, e);
        }
    }
}
