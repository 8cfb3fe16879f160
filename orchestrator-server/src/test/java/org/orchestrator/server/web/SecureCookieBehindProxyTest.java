package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The session cookie's {@code Secure} flag behind a TLS-terminating reverse proxy: the proxy's
 * {@code X-Forwarded-Proto: https} sets it only when ORCHESTRATOR_TRUST_PROXY says the proxy is
 * trusted, since any client can send the header.
 */
class SecureCookieBehindProxyTest {

    private static final Map<String, String> FROM_TLS_PROXY = Map.of("X-Forwarded-Proto", "https");

    @Test
    void a_trusted_proxys_forwarded_https_makes_the_session_cookie_secure() {
        try (WebFixture web = WebFixture.start(Map.of("ORCHESTRATOR_TRUST_PROXY", "true"), WebDags.demo())) {
            assertThat(sessionCookie(web, FROM_TLS_PROXY)).contains("; Secure");
            assertThat(sessionCookie(web, Map.of("X-Forwarded-Proto", "https, http"))).as("a chain of proxies").contains("; Secure");
            assertThat(sessionCookie(web, Map.of())).as("plain HTTP, no proxy").doesNotContain("Secure");
            assertThat(sessionCookie(web, Map.of("X-Forwarded-Proto", "http"))).doesNotContain("Secure");
        }
    }

    @Test
    void forwarded_https_is_ignored_unless_the_proxy_is_trusted() {
        try (WebFixture web = WebFixture.start(WebDags.demo())) {
            assertThat(sessionCookie(web, FROM_TLS_PROXY)).doesNotContain("Secure");
        }
    }

    private static String sessionCookie(WebFixture web, Map<String, String> headers) {
        WebClient.Response response = new WebClient(web.baseUrl())
                .loginWith(headers, WebFixture.VIEWER, WebFixture.password(WebFixture.VIEWER));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(SessionCookie.NAME + "=")).findFirst().orElseThrow();
    }
}
