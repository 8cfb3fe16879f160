package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Dags;

/**
 * In a real Chromium: a running task's log pushed over server-sent events, the Graph recolouring
 * a run as it progresses, the Gantt's one span per try, and the DAG's version history on the
 * Details tab. Screenshots under target/screenshots.
 */
class WebLiveBrowserTest {

    private static WebFixture web;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(WebDags.ticker(), WebDags.flaky(), WebDags.demo(), WebDags.gated());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void a_running_task_log_arrives_over_the_event_stream_and_the_stream_ends_with_the_task() {
        DagRunRow run = web.engine().trigger("web_ticker", Map.of());
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.until(d -> web.engine().state(run, "tick") == TaskState.RUNNING);
            browser.go(taskPage("web_ticker", run.runId(), "tick"));
            browser.waitForText(By.id("log"), "tick 2");
            browser.script("window.__samePage = true");
            browser.waitForText(By.id("log-status"), "Following live");
            String early = browser.driver().findElement(By.id("log")).getText();

            // Lines that arrive after the snapshot: on a slow machine it may already hold tick 8.
            int next = lastTick(early) + 2;
            browser.waitForText(By.id("log"), "tick " + next);
            browser.screenshot("live-01-log-streaming");
            String later = browser.driver().findElement(By.id("log")).getText();
            assertThat(later).startsWith(early).hasSizeGreaterThan(early.length());
            assertThat(browser.script("return window.__samePage === true")).as("no reload").isEqualTo(true);

            WebDags.TICKER_GATE.countDown();

            browser.waitForText(By.id("log"), "ticker done");
            browser.waitForText(By.id("log-status"), "End of log (try 1)");
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "success");
            List<String> lines = List.of(browser.driver().findElement(By.id("log")).getText().split("\n"));
            assertThat(lines).filteredOn(l -> l.endsWith("tick 1")).as("each line once").hasSize(1);
            assertThat(lines).filteredOn(l -> l.contains("tick ")).hasSizeGreaterThanOrEqualTo(8);
            assertThat(requests(browser, "/logs/1")).as("one read of the log as JSON, then no polling").isEqualTo(1L);
            assertThat(requests(browser, "/logs/1/stream")).as("the stream, ended").isGreaterThanOrEqualTo(1L);
            browser.screenshot("live-02-log-ended");
            browser.assertConsoleClean();
        }
    }

    /** @return the highest number in the log's "tick N" lines */
    private static int lastTick(String log) {
        return java.util.regex.Pattern.compile("tick (\\d+)").matcher(log).results()
                .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
    }

    /** @return finished requests whose path (without the query) ends with the suffix */
    private static long requests(Browser browser, String suffix) {
        return ((Number) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname.endsWith(arguments[0])).length", suffix)).longValue();
    }

    @Test
    void the_graph_shows_the_running_task_and_turns_green_as_the_run_finishes_without_a_reload() {
        DagRunRow run = web.engine().trigger("web_gated", Map.of());
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_gated?run_id=" + URLEncoder.encode(run.runId(), StandardCharsets.UTF_8) + "#graph");
            browser.until(d -> "success".equals(nodeState(browser, "start")) && "running".equals(nodeState(browser, "hold")));
            browser.script("window.__samePage = true");
            WebElement hold = browser.driver().findElement(node("hold"));
            assertThat(hold.getDomAttribute("class")).contains("st-running");
            assertThat(hold.findElement(By.cssSelector(".node-state")).getText()).isEqualTo("running");
            // The gate is closed, so hold cannot end and finish cannot have started.
            assertThat(nodeState(browser, "finish")).isNotIn("running", "success");
            browser.waitForText(By.cssSelector("[data-testid=run-state]"), "running");
            browser.screenshot("live-03-graph-running");

            WebDags.GRAPH_GATE.countDown();

            browser.until(d -> List.of("start", "hold", "finish").stream().allMatch(t -> "success".equals(nodeState(browser, t))));
            assertThat(browser.driver().findElements(By.cssSelector("g.node.st-success"))).hasSize(3);
            browser.waitForText(By.cssSelector("[data-testid=run-state]"), "success");
            assertThat(browser.script("return window.__samePage === true")).as("recoloured in place, no reload").isEqualTo(true);
            browser.screenshot("live-04-graph-finished");
            browser.assertConsoleClean();
        } finally {
            // Lets the task end should the test have failed before opening the gate.
            WebDags.GRAPH_GATE.countDown();
        }
    }

    private static By node(String taskId) {
        return By.cssSelector("g.node[data-task-id='" + taskId + "']");
    }

    /** @return the state the graph shows for the task, or null while the graph is not drawn */
    private static String nodeState(Browser browser, String taskId) {
        List<WebElement> nodes = browser.driver().findElements(node(taskId));
        return nodes.isEmpty() ? null : nodes.getFirst().getDomAttribute("data-state");
    }

    @Test
    void the_gantt_shows_each_try_of_a_retried_task_coloured_by_outcome() {
        DagRunRow run = web.engine().trigger("web_flaky", Map.of());
        web.engine().awaitState(run);
        assertThat(new WebClient(web.baseUrl()).basic("POST", "/api/v1/dags/web_flaky/clearTaskInstances",
                "{\"dry_run\": false, \"dag_run_id\": \"" + run.runId() + "\", \"task_ids\": [\"flaky\"], "
                        + "\"include_downstream\": true}", WebFixture.OP, WebFixture.password(WebFixture.OP)).status())
                .isEqualTo(200);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.until(d -> web.engine().state(run, "report") == TaskState.SUCCESS);
            browser.go("/dags/web_flaky?run_id=" + URLEncoder.encode(run.runId(), StandardCharsets.UTF_8) + "#gantt");
            By flakySpans = By.cssSelector(".gantt-row[data-task-id='flaky'] .gantt-bar");
            browser.until(d -> d.findElements(flakySpans).size() == 2
                    && d.findElements(By.cssSelector(".gantt-row[data-task-id='report'] .gantt-bar.st-success")).size() == 1);
            browser.screenshot("live-05-gantt-tries");

            List<WebElement> spans = browser.driver().findElements(flakySpans);
            assertThat(spans).extracting(s -> s.getDomAttribute("data-try")).containsExactly("1", "2");
            assertThat(spans.get(0).getDomAttribute("class")).contains("st-failed");
            assertThat(spans.get(1).getDomAttribute("class")).contains("st-success");
            assertThat(x(browser, spans.get(0))).as("try 1 is drawn before try 2").isLessThan(x(browser, spans.get(1)));
            assertThat(spans.get(0).getDomAttribute("title")).contains("try 1: failed");
            browser.assertConsoleClean();
        }
    }

    private static double x(Browser browser, WebElement element) {
        return ((Number) browser.script("return arguments[0].getBoundingClientRect().x", element)).doubleValue();
    }

    @Test
    void details_list_the_version_history_with_the_runs_of_each_version() {
        DagRunRow first = web.engine().trigger("web_demo", Map.of());
        DagRunRow second = web.engine().trigger("web_demo", Map.of());
        web.engine().awaitState(first);
        web.engine().awaitState(second);
        String current = web.engine().orchestrator().dags().get("web_demo").orElseThrow().version();
        web.engine().orchestrator().database().transactions().useHandle(h -> new Dags().addVersion(h, "web_demo", "0ld0version0of0web0demo",
                "<test>/web_demo.java", "{}", "class Old {}", Instant.parse("2020-01-01T00:00:00Z")));
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_demo#details");
            By currentRow = By.cssSelector("[data-testid=version-history] tr[data-version='" + current + "']");
            browser.waitForText(currentRow, "current");
            browser.screenshot("live-06-version-history");

            WebElement row = browser.driver().findElement(currentRow);
            assertThat(Integer.parseInt(row.findElement(By.cssSelector("[data-testid=version-runs]")).getText()))
                    .isGreaterThanOrEqualTo(2);
            assertThat(row.findElements(By.cssSelector(".run-links a"))).extracting(WebElement::getText)
                    .contains(first.runId(), second.runId());
            WebElement old = browser.driver().findElement(By.cssSelector(
                    "[data-testid=version-history] tr[data-version='0ld0version0of0web0demo']"));
            assertThat(old.getText()).contains("0ld0version0", "2020-01-01").doesNotContain("current");
            assertThat(old.findElement(By.cssSelector("[data-testid=version-runs]")).getText()).isEqualTo("0");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("[data-testid=version-history] tbody tr"));
            assertThat(rows.getFirst().getDomAttribute("data-version")).as("newest first").isEqualTo(current);

            row.findElement(By.cssSelector(".run-links a")).click();
            browser.until(d -> d.getCurrentUrl().contains("run_id="));
            browser.assertConsoleClean();
        }
    }

    private static String taskPage(String dagId, String runId, String taskId) {
        return "/dags/" + dagId + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20") + "/tasks/" + taskId;
    }
}
