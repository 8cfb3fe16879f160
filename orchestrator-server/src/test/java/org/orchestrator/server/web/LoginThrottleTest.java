package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failed logins are throttled per client address and user, over the API's Basic authentication
 * and the login form alike (one shared count), while other users and other clients log in as usual.
 */
class LoginThrottleTest {

    private static WebFixture web;

    @BeforeAll
    static void start() {
        web = WebFixture.start(WebDags.demo());
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void five_wrong_basic_passwords_then_429_with_retry_after_even_for_the_right_one() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(fromLoopback(WebFixture.OP, "guess-" + i).status()).as("failure " + (i + 1)).isEqualTo(401);
        }

        WebClient.Response refused = fromLoopback(WebFixture.OP, WebFixture.password(WebFixture.OP));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.json().get("status").asInt()).isEqualTo(429);
        assertThat(refused.json().get("detail").asText()).contains("too many failed logins");
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(fromLoopback(WebFixture.ADMIN, WebFixture.password(WebFixture.ADMIN)).status())
                .as("another user from the same client").isEqualTo(200);
        assertThat(fromOtherClient(WebFixture.OP, WebFixture.password(WebFixture.OP)))
                .as("the same user from another client address").isEqualTo(200);
    }

    @Test
    void the_login_form_counts_too_and_shares_the_count_with_the_api() {
        WebClient form = new WebClient(web.baseUrl());
        for (int i = 0; i < 5; i++) {
            assertThat(form.login(WebFixture.VIEWER, "guess-" + i, "/dags").header("Location"))
                    .hasValue("/login?error=invalid&next=%2Fdags");
        }

        WebClient.Response throttled = form.login(WebFixture.VIEWER, WebFixture.password(WebFixture.VIEWER), "/dags");

        assertThat(throttled.status()).isEqualTo(303);
        assertThat(throttled.header("Location").orElseThrow()).matches("/login\\?error=throttled&retry=\\d+&next=%2Fdags");
        assertThat(throttled.headers().allValues("Set-Cookie")).as("no session while throttled").isEmpty();
        assertThat(fromLoopback(WebFixture.VIEWER, WebFixture.password(WebFixture.VIEWER)).status()).isEqualTo(429);
    }

    @Test
    void a_success_before_the_limit_starts_the_count_afresh() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(fromLoopback(WebFixture.ADMIN, "guess").status()).isEqualTo(401);
            }
            assertThat(fromLoopback(WebFixture.ADMIN, WebFixture.password(WebFixture.ADMIN)).status())
                    .as("round " + round + ": 4 failures, then the right password").isEqualTo(200);
        }
    }

    private static WebClient.Response fromLoopback(String user, String password) {
        return new WebClient(web.baseUrl()).basic("GET", "/api/v1/dags", null, user, password);
    }

    /** A request from 127.0.0.2: another client address on the loopback network. */
    private static int fromOtherClient(String user, String password) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try (HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(web.baseUrl() + "/api/v1/dags"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Basic " + auth).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
