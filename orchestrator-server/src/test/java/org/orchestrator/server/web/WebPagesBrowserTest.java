package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.orchestrator.api.TaskState;
import org.orchestrator.server.state.DagRunRow;

/**
 * Every page at desktop and phone width (each saved as a screenshot under target/screenshots),
 * the graph's left-to-right layout, the import-errors banner, marking, pausing and logging out.
 */
class WebPagesBrowserTest {

    private static WebFixture web;
    private static DagRunRow demoRun;

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeInstalled();
        web = WebFixture.start(WebDags.demo(), WebDags.flaky());
        Path dags = web.engine().orchestrator().config().dagsFolder();
        Files.createDirectories(dags);
        Files.write(dags.resolve("broken.jar"), "not a jar".getBytes(StandardCharsets.UTF_8));
        web.engine().orchestrator().scanDags();
        demoRun = web.engine().trigger("web_demo", Map.of("source", "pages test"));
        web.engine().awaitState(demoRun);
        web.engine().awaitState(web.engine().trigger("web_flaky", Map.of()));
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void every_page_renders_at_desktop_width_without_console_errors() {
        visitEveryPage(Browser.DESKTOP, "desktop");
    }

    @Test
    void every_page_fits_a_phone_screen() {
        visitEveryPage(Browser.PHONE, "phone");
    }

    private static void visitEveryPage(Dimension size, String suffix) {
        try (Browser browser = Browser.open(web.baseUrl(), size)) {
            browser.go("/login");
            browser.waitFor(By.id("username"));
            shoot(browser, "login", suffix);
            browser.login(WebFixture.OP);
            browser.waitForText(By.cssSelector("[data-testid=import-errors-banner]"), "1 import error");
            browser.until(d -> d.findElements(By.cssSelector("tr[data-dag-id='web_demo'] .dot")).size() == 1);
            shoot(browser, "dags", suffix);
            browser.driver().findElement(By.cssSelector("[data-testid=import-errors-banner]")).click();
            browser.waitForText(By.cssSelector("[data-testid=import-error]"), "broken.jar");
            shoot(browser, "import-errors", suffix);

            browser.go("/dags/web_demo");
            browser.until(d -> d.findElements(By.cssSelector(".cell[data-state='success']")).size() == 4);
            shoot(browser, "dag-grid", suffix);
            browser.driver().findElement(By.id("tab-graph")).click();
            browser.until(d -> d.findElements(By.cssSelector("g.node.st-success")).size() == 4);
            shoot(browser, "dag-graph", suffix);
            browser.driver().findElement(By.id("tab-gantt")).click();
            browser.until(d -> d.findElements(By.cssSelector(".gantt-bar.st-success")).size() == 4);
            shoot(browser, "dag-gantt", suffix);
            browser.driver().findElement(By.id("tab-durations")).click();
            browser.until(d -> d.findElements(By.cssSelector("[data-testid=durations] circle")).size() == 4);
            shoot(browser, "dag-durations", suffix);
            browser.driver().findElement(By.id("tab-details")).click();
            browser.waitForText(By.id("panel-details"), "Tasks (4)");
            shoot(browser, "dag-details", suffix);

            browser.go(taskPage("web_demo", demoRun.runId(), "extract"));
            browser.waitForText(By.id("log-status"), "End of log");
            shoot(browser, "task", suffix);
            browser.go("/cluster");
            browser.waitForText(By.cssSelector("[data-testid=health-scheduler]"), "healthy");
            browser.waitForText(By.id("pools"), "default_pool");
            browser.waitForText(By.id("nodes"), "alive");
            shoot(browser, "cluster", suffix);
            browser.assertConsoleClean();
        }
    }

    /** Saves the page, after checking that nothing makes the page wider than the window. */
    private static void shoot(Browser browser, String page, String suffix) {
        Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(((Number) overflow).longValue()).as(page + " is wider than the " + suffix + " window").isLessThanOrEqualTo(0);
        browser.screenshot("page-" + page + "-" + suffix);
    }

    @Test
    void the_graph_runs_left_to_right_from_upstream_to_downstream() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_demo#graph");
            browser.until(d -> d.findElements(By.cssSelector("g.node.st-success")).size() == 4);

            double extract = nodeX(browser, "extract");
            double transform = nodeX(browser, "transform");
            double validate = nodeX(browser, "validate");
            double load = nodeX(browser, "load");
            assertThat(extract).isLessThan(transform);
            assertThat(transform).isEqualTo(validate);
            assertThat(validate).isLessThan(load);
            assertThat(browser.driver().findElements(By.cssSelector("path.edge"))).hasSize(4);
            browser.screenshot("pages-graph-01-left-to-right");
            browser.driver().findElement(By.cssSelector("g.node[data-task-id='load']")).click();
            browser.waitForText(By.id("log"), "load done");
            browser.screenshot("pages-graph-02-node-opens-its-task");
        }
    }

    private static double nodeX(Browser browser, String taskId) {
        WebElement node = browser.driver().findElement(By.cssSelector("g.node[data-task-id='" + taskId + "']"));
        return ((Number) browser.script("return arguments[0].getBoundingClientRect().x", node)).doubleValue();
    }

    @Test
    void marking_a_task_asks_first_and_then_changes_its_state() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go(taskPage("web_demo", demoRun.runId(), "load"));
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "success");

            browser.driver().findElement(By.id("mark-failed")).click();
            browser.waitFor(By.cssSelector("[data-testid=confirm-dialog]"));
            browser.screenshot("pages-mark-01-confirm");
            browser.driver().findElement(By.cssSelector("[data-testid=confirm-dialog] button[value=cancel]")).click();
            assertThat(web.engine().state(demoRun, "load")).isEqualTo(TaskState.SUCCESS);

            browser.driver().findElement(By.id("mark-failed")).click();
            browser.waitFor(By.cssSelector("[data-testid=confirm]")).click();
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "failed");
            assertThat(web.engine().state(demoRun, "load")).isEqualTo(TaskState.FAILED);
            browser.screenshot("pages-mark-02-marked-failed");

            browser.driver().findElement(By.id("mark-success")).click();
            browser.waitFor(By.cssSelector("[data-testid=confirm]")).click();
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "success");
            browser.screenshot("pages-mark-03-marked-success");
            browser.assertConsoleClean();
        }
    }

    @Test
    void pausing_from_the_list_sticks_and_the_paused_filter_finds_it() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            By toggle = By.cssSelector("tr[data-dag-id='web_flaky'] [data-testid=pause-toggle]");
            browser.waitFor(toggle).click();
            browser.until(d -> web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT is_paused FROM dag WHERE dag_id = 'web_flaky'").mapTo(Boolean.class).one()));

            browser.driver().findElement(By.cssSelector(".seg[data-filter=paused]")).click();
            browser.until(d -> rows(browser).equals(List.of("web_flaky")));
            browser.screenshot("pages-pause-01-paused-filter");
            browser.driver().navigate().refresh();
            assertThat(browser.waitFor(toggle).isSelected()).as("still paused after a reload").isFalse();
            browser.screenshot("pages-pause-02-paused-after-reload");

            browser.driver().findElement(toggle).click();
            browser.until(d -> !web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT is_paused FROM dag WHERE dag_id = 'web_flaky'").mapTo(Boolean.class).one()));
            browser.assertConsoleClean();
        }
    }

    private static List<String> rows(Browser browser) {
        return browser.driver().findElements(By.cssSelector("tr[data-dag-id]")).stream()
                .map(r -> r.getDomAttribute("data-dag-id")).toList();
    }

    @Test
    void a_wrong_password_is_shown_on_the_form_and_logout_returns_to_it() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.go("/dags/web_demo");
            browser.waitFor(By.id("username")).sendKeys(WebFixture.OP);
            browser.driver().findElement(By.id("password")).sendKeys("wrong");
            browser.driver().findElement(By.id("login-submit")).click();
            browser.waitForText(By.id("login-error"), "Wrong user name or password");
            browser.screenshot("page-login-error-desktop");

            browser.driver().findElement(By.id("password")).sendKeys(WebFixture.password(WebFixture.OP));
            browser.driver().findElement(By.id("username")).clear();
            browser.driver().findElement(By.id("username")).sendKeys(WebFixture.OP);
            browser.driver().findElement(By.id("login-submit")).click();
            browser.waitFor(By.cssSelector("[data-testid=trigger]"));
            assertThat(browser.driver().getCurrentUrl()).contains("/dags/web_demo");

            browser.driver().findElement(By.id("logout")).click();
            browser.waitFor(By.id("username"));
            browser.go("/dags");
            browser.waitFor(By.id("username"));
            assertThat(browser.driver().getCurrentUrl()).contains("/login?next=%2Fdags");
        }
    }

    private static String taskPage(String dagId, String runId, String taskId) {
        return "/dags/" + dagId + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20") + "/tasks/" + taskId;
    }
}
