package org.orchestrator.server.http.openapi;

import java.util.List;

/**
 * A plain HTML page listing every operation (method, path, least role, summary) with a link to
 * the OpenAPI document. No scripts and no external assets; everything shown is escaped.
 */
public final class ApiDocsPage {

    private ApiDocsPage() {
    }

    /** @param operations the routes @param version the server's version @return the page */
    public static String render(List<Op> operations, String version) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">")
                .append("<title>Orchestrator REST API</title></head><body><h1>Orchestrator REST API ")
                .append(escape(version)).append("</h1><p>Airflow-shaped, HTTP Basic authentication. Machine-readable: ")
                .append("<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a></p>")
                .append("<table border=\"1\" cellpadding=\"4\"><tr><th>Method</th><th>Path</th><th>Role</th><th>Summary</th></tr>");
        for (Op op : operations) {
            html.append("<tr><td>").append(escape(op.method())).append("</td><td><code>").append(escape(op.path()))
                    .append("</code></td><td>").append(escape(op.role().wireName())).append("</td><td>")
                    .append(escape(op.summary())).append("</td></tr>");
        }
        return html.append("</table></body></html>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
