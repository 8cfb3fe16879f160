package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Dag;

/**
 * Issue 14: the DAG and task options in the REST API: {@code dag_run_timeout}, {@code depends_on_past},
 * {@code wait_for_downstream}, and the Markdown docs ({@code doc_md}) with their safe rendering
 * ({@code doc_html}): formatting kept, raw HTML escaped, script URLs dropped.
 */
class DagOptionsApiTest {

    private static final String HOSTILE_DOC = "# Orders\n\nLoads **orders** daily. See [runbook](https://wiki/runbook).\n\n"
            + "<script>alert(1)</script> <img src=x onerror=alert(2)>\n\n[click](javascript:alert%283%29)";
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        Dag orders = Dag.builder("orders").docMd(HOSTILE_DOC).dagrunTimeout(Duration.ofMinutes(90))
                .task("load", ctx -> { }, t -> t.waitForDownstream(true).doc("Writes `orders` <b>daily</b>"))
                .task("report", ctx -> { }, t -> t.upstream("load"))
                .build();
        api = ApiFixture.start(orders);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void dag_details_carry_the_run_timeout_and_the_doc_as_markdown_and_as_safe_html() {
        JsonNode details = get("/api/v1/dags/orders/details");

        assertThat(details.get("dag_run_timeout").toString())
                .isEqualTo("{\"__type\":\"TimeDelta\",\"days\":0,\"seconds\":5400,\"microseconds\":0}");
        assertThat(details.get("doc_md").asText()).isEqualTo(HOSTILE_DOC);
        String html = details.get("doc_html").asText();
        assertThat(html).contains("<h1>Orders</h1>").contains("<strong>orders</strong>")
                .contains("<a rel=\"nofollow\" href=\"https://wiki/runbook\">runbook</a>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(2)&gt;")
                .contains(">click</a>").doesNotContain("<script").doesNotContain("<img").doesNotContain("javascript:");
    }

    @Test
    void tasks_show_depends_on_past_wait_for_downstream_and_their_rendered_doc() {
        JsonNode load = get("/api/v1/dags/orders/tasks/load");
        assertThat(load.get("depends_on_past").asBoolean()).isTrue();
        assertThat(load.get("wait_for_downstream").asBoolean()).isTrue();
        assertThat(load.get("doc_html").asText()).isEqualTo("<p>Writes <code>orders</code> &lt;b&gt;daily&lt;/b&gt;</p>\n");
        JsonNode report = get("/api/v1/dags/orders/tasks/report");
        assertThat(report.get("depends_on_past").asBoolean()).isFalse();
        assertThat(report.get("doc_md").isNull()).isTrue();
        assertThat(report.get("doc_html").isNull()).isTrue();
    }

    private static JsonNode get(String path) {
        return api.as(ApiFixture.VIEWER).get(path).json();
    }
}
