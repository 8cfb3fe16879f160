package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/** {@code GET /api/v1/version}: the build's version, written into a resource by Maven. */
final class VersionRoutes {

    private static final String VERSION = readVersion();

    /** Airflow's {@code VersionInfo}; we have no git hash at build time, so it is null. */
    record VersionInfo(String version, String gitVersion) {
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/version", "get_version", "Get the server's version").role(Role.VIEWER)
                .returns(Response.of(VersionInfo.class)), this::version);
    }

    private void version(Context ctx) {
        ctx.json(new VersionInfo(VERSION, null));
    }

    /** @return the project version Maven filtered into {@code version.properties} */
    static String readVersion() {
        try (InputStream in = VersionRoutes.class.getResourceAsStream("/org/orchestrator/server/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
