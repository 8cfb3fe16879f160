package org.orchestrator.tasks.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;

/**
 * HTTP plumbing shared by the HTTP task, the HTTP sensor and the webhook notifier: one client for
 * the whole JVM, and requests built from a named connection. Not part of the authoring API.
 */
public final class Http {

    /**
     * One client for all tasks: each client owns a selector thread, and 10,000 waiting sensors must
     * not mean 10,000 platform threads. Its handlers run on virtual threads.
     */
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private static final Set<String> TYPES = Set.of("http", "https", "webhook");

    private Http() {
    }

    /**
     * @param resources where the connection is looked up
     * @param connId    a connection of type {@code http}, {@code https} or {@code webhook}, or null for none
     * @param target    an absolute URL, or a path appended to the connection's base URL
     * @return a request builder with the URI and the connection's authorization set: basic from
     *         login/password, or bearer from the {@code token} extra
     */
    public static HttpRequest.Builder request(Resources resources, String connId, String target) {
        if (connId == null) {
            return HttpRequest.newBuilder(uri(target));
        }
        Connection conn = resources.connection(connId);
        if (!TYPES.contains(conn.type().toLowerCase(Locale.ROOT))) {
            throw new OrchestratorException("connection '" + connId + "' is of type '" + conn.type() + "', an HTTP task needs 'http'");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(join(conn.url(), target)));
        conn.extra("token").ifPresentOrElse(
                token -> builder.header("Authorization", "Bearer " + token),
                () -> {
                    if (!conn.login().isEmpty()) {
                        String pair = conn.login() + ":" + conn.password();
                        builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
                    }
                });
        return builder;
    }

    static String join(String base, String target) {
        if (target == null || target.isEmpty()) {
            return base;
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return target;
        }
        boolean slashBase = base.endsWith("/");
        boolean slashTarget = target.startsWith("/");
        if (slashBase && slashTarget) {
            return base + target.substring(1);
        }
        return slashBase || slashTarget ? base + target : base + "/" + target;
    }

    private static URI uri(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new OrchestratorException("not a usable HTTP URL: '" + url + "' (" + e.getMessage() + ")", e);
        }
    }
}
