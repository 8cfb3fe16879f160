package org.orchestrator.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The dashboard's files (pages, scripts, styles, vendored libraries), read from the
 * {@code orchestrator-ui} jar under {@value #ROOT}. A name is looked up only if every segment is
 * plain (letters, digits, {@code _ - .}, not starting with a dot) and its type is known, so no
 * request can reach another class path resource. Each file is sent with a strong ETag and
 * {@code no-cache}: browsers revalidate, and a new release is seen at once.
 */
final class Assets {

    static final String ROOT = "org/orchestrator/ui/";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "txt", "text/plain; charset=utf-8");

    /** A file's bytes, type and ETag. */
    record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /** @param loader where the ui jar is */
    Assets(ClassLoader loader) {
        this.loader = loader;
    }

    /** @param name a path below {@value #ROOT}, e.g. {@code js/api.js} @return the file, if it is one we serve */
    Optional<Asset> find(String name) {
        if (name == null || name.length() > 200 || !NAME.matcher(name).matches() || type(name) == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, this::load);
    }

    /**
     * Answers with the file, or 304 when the browser's copy is current.
     *
     * @param cacheControl e.g. {@code no-cache} for assets, {@code no-store} for pages
     */
    static void send(Context ctx, Asset asset, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.header("ETag", asset.etag());
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private Optional<Asset> load(String name) {
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(bytes, type(name), etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard file " + name, e);
        }
    }

    private static String type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
