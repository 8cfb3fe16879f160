package org.orchestrator.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A browser-like HTTP client without a browser: keeps the session cookie it is given, sends the
 * headers a browser would, and never follows redirects (tests look at them).
 */
final class WebClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private String sessionCookie;

    WebClient(String base) {
        this.base = base;
    }

    /** An answer. */
    record Response(int status, String body, java.net.http.HttpHeaders headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** Posts the login form from one of our pages; keeps the session cookie if one is set. */
    Response login(String user, String password, String next) {
        return login(base, user, password, next);
    }

    /** Posts the login form as a page of {@code origin} would. */
    Response login(String origin, String user, String password, String next) {
        return login(Map.of("Origin", origin), user, password, next);
    }

    /** Posts the login form with these headers (e.g. a reverse proxy's {@code X-Forwarded-Proto}) and our own origin. */
    Response loginWith(Map<String, String> headers, String user, String password) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Origin", base);
        return login(all, user, password, null);
    }

    private Response login(Map<String, String> headers, String user, String password, String next) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", password);
        if (next != null) {
            form.put("next", next);
        }
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = request("/login").header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(request::header);
        Response response = send(request.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SessionCookie.NAME + "="))
                .findFirst().ifPresent(c -> sessionCookie = c.substring(0, c.indexOf(';')));
        return response;
    }

    /** @return this session's CSRF token, from {@code /ui/session} */
    String csrfToken() {
        return get("/ui/session").json().get("csrf_token").asText();
    }

    /** Uses this cookie header value (e.g. {@code name=value}) from now on. */
    void useCookie(String cookie) {
        sessionCookie = cookie;
    }

    Response get(String path) {
        return send(request(path).GET().build());
    }

    /** Sends JSON with the given extra headers, as a page's script would. */
    Response send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** Sends a request with HTTP Basic and no cookie, as a script would. */
    Response basic(String method, String path, String json, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (sessionCookie != null) {
            builder.header("Cookie", sessionCookie);
        }
        return builder;
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
