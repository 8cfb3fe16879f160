package org.orchestrator.server.http.api;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * DAG and task documentation (Airflow's {@code doc_md}) as HTML the dashboard may insert: raw
 * HTML in the Markdown is escaped, not passed through, and link and image URLs with unsafe
 * schemes ({@code javascript:}, {@code data:}…) are dropped, so an author's doc formats but
 * never scripts (the page's CSP forbids inline scripts besides).
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer SAFE = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private Markdown() {
    }

    /** @return the rendered HTML, or null for no documentation */
    static String toSafeHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return null;
        }
        return SAFE.render(PARSER.parse(markdown));
    }
}
