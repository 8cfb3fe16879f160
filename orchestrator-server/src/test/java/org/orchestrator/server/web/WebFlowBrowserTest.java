package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.orchestrator.server.state.DagRunRow;

/**
 * An operator's day in a real headless Chromium: find a DAG, trigger it with conf, watch the
 * grid turn green without reloading, open a failed task's log, clear it, see it rerun, and
 * follow a running task's log live, and move through the grid with the keyboard.
 */
class WebFlowBrowserTest {

    private static WebFixture web;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(WebDags.demo(), WebDags.flaky(), WebDags.slow(), WebDags.keys());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void trigger_with_conf_turns_the_grid_green_without_a_reload() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.waitFor(By.id("search")).sendKeys("demo");
            browser.until(d -> d.findElements(By.cssSelector("tr[data-dag-id]")).size() == 1);
            browser.screenshot("flow-01-dag-list-search");
            browser.driver().findElement(By.linkText("web_demo")).click();

            browser.waitFor(By.cssSelector("[data-testid=trigger]"));
            browser.script("window.__samePage = 'yes'");
            browser.driver().findElement(By.cssSelector("[data-testid=trigger]")).click();
            WebElement conf = browser.waitFor(By.id("trigger-conf"));
            assertThat(conf.getDomProperty("value")).contains("\"greeting\": \"hello\"", "\"rows\": 3");

            replace(conf, "{\"greeting\": ");
            assertThat(browser.waitFor(By.id("trigger-conf-error")).getText()).startsWith("Not valid JSON");
            assertThat(browser.driver().findElement(By.id("trigger-submit")).isEnabled()).isFalse();
            browser.screenshot("flow-02-trigger-invalid-conf");
            replace(conf, "{\"greeting\": \"bonjour\", \"rows\": 5}");
            browser.until(ExpectedConditions.elementToBeClickable(By.id("trigger-submit"))).click();

            String runId = browser.until(d -> (String) browser.script("return new URLSearchParams(location.search).get('run_id')"));
            By runCells = By.cssSelector(".cell[data-run-id='" + runId + "']");
            browser.until(d -> d.findElements(runCells).size() == 4
                    && d.findElements(runCells).stream().allMatch(c -> "success".equals(c.getDomAttribute("data-state"))));
            assertThat(browser.script("return window.__samePage")).as("the grid updated in place, no reload").isEqualTo("yes");
            assertThat(browser.waitFor(By.cssSelector(".run-bar .conf")).getText()).contains("bonjour");
            browser.screenshot("flow-03-grid-green");
            browser.assertConsoleClean();
        }
        List<String> confs = web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT conf FROM dag_run WHERE dag_id = 'web_demo'").mapTo(String.class).list());
        assertThat(confs).singleElement().asString().contains("\"greeting\":\"bonjour\"", "\"rows\":5");
    }

    @Test
    void a_failed_task_shows_its_log_and_reruns_after_clear() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go("/dags/web_flaky");
            browser.waitFor(By.cssSelector("[data-testid=trigger]")).click();
            browser.waitFor(By.id("trigger-submit")).click();

            By failed = By.cssSelector(".cell[data-task-id='flaky'][data-state='failed']");
            browser.until(ExpectedConditions.elementToBeClickable(failed)).click();
            browser.waitForText(By.id("log"), "first try fails on purpose");
            assertThat(browser.waitFor(By.cssSelector("[data-testid=task-state]")).getText()).isEqualTo("failed");
            browser.screenshot("flow-04-failed-task-log");

            browser.driver().findElement(By.id("clear")).click();
            assertThat(browser.waitFor(By.id("clear-downstream")).isSelected()).isTrue();
            browser.screenshot("flow-05-clear-confirm");
            browser.driver().findElement(By.cssSelector("[data-testid=confirm]")).click();

            browser.waitFor(By.cssSelector(".try-tab[data-try='2'][aria-selected='true']"));
            browser.waitForText(By.id("log"), "second time lucky");
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "success");
            browser.waitForText(By.id("log-status"), "End of log (try 2)");
            browser.screenshot("flow-06-rerun-succeeded");
            browser.driver().findElement(By.cssSelector(".try-tab[data-try='1']")).click();
            browser.waitForText(By.id("log"), "first try fails on purpose");
            browser.assertConsoleClean();
        }
    }

    @Test
    void a_running_task_log_is_followed_live() {
        DagRunRow run = web.engine().trigger("web_slow", Map.of());
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_slow/runs/" + java.net.URLEncoder.encode(run.runId(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20") + "/tasks/tail");
            browser.waitForText(By.id("log"), "waiting for the gate");
            browser.waitForText(By.id("log-status"), "Following live");
            browser.screenshot("flow-07-log-following");

            WebDags.SLOW_GATE.countDown();

            browser.waitForText(By.id("log"), "gate opened, finishing");
            browser.waitForText(By.id("log-status"), "End of log");
            List<String> lines = List.of(browser.driver().findElement(By.id("log")).getText().split("\n"));
            assertThat(lines).filteredOn(l -> l.contains("waiting for the gate")).hasSize(1);
            browser.assertConsoleClean();
        }
    }

    @Test
    void a_trigger_the_server_refuses_is_explained_beside_its_field() {
        web.engine().orchestrator().runs().trigger(web.engine().orchestrator().dags().get("web_demo").orElseThrow(),
                "taken_run_id", null, Map.of(), null);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go("/dags/web_demo");
            browser.waitFor(By.cssSelector("[data-testid=trigger]")).click();
            browser.waitFor(By.id("trigger-run-id")).sendKeys("bad id!");
            assertThat(browser.waitFor(By.id("trigger-run-id-error")).getText()).contains("letters, digits");
            replace(browser.driver().findElement(By.id("trigger-run-id")), "taken_run_id");
            browser.until(ExpectedConditions.elementToBeClickable(By.id("trigger-submit"))).click();

            assertThat(browser.waitForText(By.id("trigger-run-id-error"), "already has a run")).contains("taken_run_id");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=trigger-dialog]")).isDisplayed()).isTrue();
            browser.screenshot("flow-08-trigger-refused");
            // The refused request is the one error the browser logs (as a failed resource); nothing else.
            assertThat(browser.consoleErrors()).singleElement().asString().contains("409");
        }
    }

    @Test
    void arrow_keys_move_between_grid_cells_and_enter_opens_the_focused_task() {
        DagRunRow older = web.engine().trigger("web_keys", Map.of());
        web.engine().awaitState(older);
        DagRunRow newer = web.engine().trigger("web_keys", Map.of());
        web.engine().awaitState(newer);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_keys");
            browser.until(d -> d.findElements(By.cssSelector(".cell[data-state='success']")).size() == 4);
            // Rows are tasks in dependency order, columns runs oldest first.
            browser.script("document.querySelector(\".cell[data-row='0'][data-col='0']\").focus()");
            assertThat(focused(browser)).containsExactly("first", older.runId());

            press(browser, Keys.ARROW_RIGHT);
            assertThat(focused(browser)).containsExactly("first", newer.runId());
            press(browser, Keys.ARROW_DOWN);
            assertThat(focused(browser)).containsExactly("second", newer.runId());
            press(browser, Keys.ARROW_RIGHT);
            assertThat(focused(browser)).as("the last column stops the move").containsExactly("second", newer.runId());
            press(browser, Keys.ARROW_LEFT);
            assertThat(focused(browser)).containsExactly("second", older.runId());
            press(browser, Keys.ARROW_UP);
            assertThat(focused(browser)).containsExactly("first", older.runId());
            press(browser, Keys.ARROW_DOWN);
            assertThat(focused(browser)).containsExactly("second", older.runId());
            browser.screenshot("flow-09-grid-keyboard-focus");

            browser.script("window.__samePage = 'yes'");
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            browser.waitForText(By.id("log"), "second ran in " + older.runId());
            assertThat(browser.driver().getCurrentUrl()).endsWith("/tasks/second");
            assertThat(browser.script("return window.__samePage")).as("Enter followed the cell's link").isNull();
            browser.screenshot("flow-10-grid-enter-opens-task");
            browser.assertConsoleClean();
        }
    }

    /** Sends a key to the focused element; the grid moves focus in its keydown handler, before this returns. */
    private static void press(Browser browser, Keys key) {
        browser.driver().switchTo().activeElement().sendKeys(key);
    }

    /** @return the task and run of the focused grid cell, or an empty list when focus is not on a cell */
    @SuppressWarnings("unchecked")
    private static List<String> focused(Browser browser) {
        return (List<String>) browser.script("const el = document.activeElement;"
                + "return el && el.matches('.cell') ? [el.dataset.taskId, el.dataset.runId] : [];");
    }

    private static void replace(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }
}
