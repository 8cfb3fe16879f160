package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orchestrator.server.web.OnCallSeed.DAG_ID;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.orchestrator.server.state.DagRunRow;

/**
 * The on-call workflow in a real headless Chromium, on a month of seeded history: deep links to
 * old runs, the not-found page, clearing with a scope after a dry-run preview, what a viewer
 * does not get, the grid's filters, the calendar and the time zone switch.
 */
class WebOnCallBrowserTest {

    private static WebFixture web;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(OnCallSeed.dag(), OnCallSeed.retried(), OnCallSeed.daily());
        OnCallSeed.seed(web.engine().orchestrator());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void a_deep_link_to_run_1_of_30_opens_that_run_not_the_latest() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/" + DAG_ID + "?run_id=" + OnCallSeed.runId(1) + "#graph");
            browser.until(d -> OnCallSeed.runId(1).equals(new Select(d.findElement(By.id("run-select"))).getFirstSelectedOption().getText()));
            assertThat(browser.waitFor(By.cssSelector("[data-testid=run-logical-date]")).getText())
                    .contains(OnCallSeed.logicalDate(1).toString().substring(0, 10));
            assertThat(browser.script("return location.search")).isEqualTo("?run_id=" + OnCallSeed.runId(1));
            browser.screenshot("oncall-01-deep-link-run-1-of-30");
            browser.driver().findElement(By.id("tab-grid")).click();
            browser.waitFor(By.cssSelector(".run-head.selected[data-run-id='" + OnCallSeed.runId(1) + "']"));
            browser.assertConsoleClean();
        }
    }

    @Test
    void the_run_picker_searches_the_shown_runs_and_opens_an_older_one_by_id() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/" + DAG_ID);
            WebElement search = browser.waitFor(By.id("run-search"));
            search.sendKeys("seed_2");
            browser.until(d -> OnCallSeed.runId(29).equals(selectedRun(browser)));
            @SuppressWarnings("unchecked")
            List<String> offered = (List<String>) browser.script("return [...document.querySelectorAll('#run-select option')]"
                    + ".filter(o => !o.hidden).map(o => o.value)");
            assertThat(offered).hasSize(10).allMatch(id -> id.startsWith("seed_2"));
            search.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "seed_02", org.openqa.selenium.Keys.ENTER);
            browser.until(d -> OnCallSeed.runId(2).equals(selectedRun(browser)));
            assertThat(browser.script("return new URLSearchParams(location.search).get('run_id')")).isEqualTo(OnCallSeed.runId(2));
            browser.assertConsoleClean();
        }
    }

    private static String selectedRun(Browser browser) {
        return (String) browser.script("const s = document.getElementById('run-select'); return s && s.value");
    }

    @Test
    void an_unknown_run_or_task_shows_a_not_found_page_with_no_actions_and_no_polling() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            for (String path : List.of("/dags/" + DAG_ID + "/runs/no_such_run/tasks/extract",
                    "/dags/" + DAG_ID + "/runs/" + OnCallSeed.runId(3) + "/tasks/no_such_task")) {
                browser.go(path);
                assertThat(browser.waitFor(By.cssSelector("[role=alert] h2")).getText()).isEqualTo("Not found");
                assertThat(browser.driver().findElements(By.id("clear"))).isEmpty();
                assertThat(browser.driver().findElements(By.id("mark-success"))).isEmpty();
                assertThat(browser.driver().findElement(By.linkText("Back to " + DAG_ID)).getDomAttribute("href")).isEqualTo("/dags/" + DAG_ID);
                long asked = notFoundRequests(browser);
                // The page used to re-ask every second: over three seconds nothing more is requested.
                Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> notFoundRequests(browser) == asked);
                assertThat(browser.driver().findElement(By.id("live-status")).getText()).isEqualTo("Live");
            }
            browser.screenshot("oncall-02-task-not-found");
            assertThat(browser.consoleErrors()).allMatch(e -> e.contains("404"));
        }
    }

    @Test
    void the_clear_dialog_lists_the_downstream_instances_before_confirming_and_the_run_is_cleared() {
        DagRunRow run = web.engine().trigger(DAG_ID, Map.of());
        web.engine().awaitState(run);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go(taskPath(run.runId(), "transform"));
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "success");
            assertThat(browser.waitFor(By.id("mark-success")).isEnabled()).as("a success cannot be marked success again").isFalse();
            browser.driver().findElement(By.id("clear")).click();
            assertThat(browser.waitFor(By.id("clear-downstream")).isSelected()).isTrue();
            assertThat(listed(browser)).containsExactlyInAnyOrder("transform", "load");
            browser.driver().findElement(By.id("clear-upstream")).click();
            browser.until(d -> listed(browser).size() == 3);
            assertThat(listed(browser)).containsExactlyInAnyOrder("extract", "transform", "load");
            browser.driver().findElement(By.id("clear-upstream")).click();
            browser.until(d -> listed(browser).size() == 2);
            browser.screenshot("oncall-03-clear-dialog-downstream");
            browser.driver().findElement(By.cssSelector("[data-testid=confirm]")).click();

            browser.waitFor(By.cssSelector(".try-tab[data-try='2']"));
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "success");
            browser.assertConsoleClean();
        }
        Map<String, Integer> tries = web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT task_id, try_number FROM task_instance WHERE run_id = :run").bind("run", run.runId())
                .reduceRows(new java.util.HashMap<String, Integer>(), (m, r) -> {
                    m.put(r.getColumn("task_id", String.class), r.getColumn("try_number", Integer.class));
                    return m;
                }));
        assertThat(tries).containsEntry("extract", 1).containsEntry("transform", 2).containsEntry("load", 2);
        assertThat(auditCount("clear")).isPositive();
    }

    @Test
    void a_viewer_sees_none_of_the_run_or_task_actions() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/" + DAG_ID + "?run_id=" + OnCallSeed.runId(5));
            browser.waitFor(By.cssSelector("[data-testid=run-state]"));
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=run-actions], #trigger, #clear-run, #delete-run"))).isEmpty();
            browser.screenshot("oncall-04-viewer-dag-no-actions");
            browser.go(taskPath(OnCallSeed.runId(5), "transform"));
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "failed");
            assertThat(browser.driver().findElements(By.cssSelector("#clear, #mark-success, #mark-failed"))).isEmpty();
            assertOnlySeededLogsMissing(browser);
        }
    }

    @Test
    void the_grid_filters_by_run_state_type_and_dates_and_rows_by_task_id_and_failure() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/" + DAG_ID + "?runs=50");
            browser.until(d -> heads(browser).size() >= OnCallSeed.RUNS);
            new Select(browser.waitFor(By.id("grid-state"))).selectByValue("failed");
            browser.until(d -> heads(browser).size() == 6 && heads(browser).stream().allMatch(h -> "failed".equals(h.getDomAttribute("data-state"))));
            new Select(browser.driver().findElement(By.id("grid-state"))).selectByValue("");
            new Select(browser.driver().findElement(By.id("grid-run-type"))).selectByValue("manual");
            browser.until(d -> heads(browser).stream().allMatch(h -> "manual".equals(h.getDomAttribute("data-run-type")))
                    && heads(browser).stream().map(h -> h.getDomAttribute("data-run-id")).toList()
                    .containsAll(List.of(OnCallSeed.runId(7), OnCallSeed.runId(14), OnCallSeed.runId(21), OnCallSeed.runId(28))));
            new Select(browser.driver().findElement(By.id("grid-run-type"))).selectByValue("");
            setDate(browser, "grid-from", OnCallSeed.logicalDate(11).toString().substring(0, 10));
            setDate(browser, "grid-to", OnCallSeed.logicalDate(20).toString().substring(0, 10));
            browser.until(d -> heads(browser).size() == 10);
            assertThat(heads(browser).getFirst().getDomAttribute("data-run-id")).isEqualTo(OnCallSeed.runId(11));
            assertThat(heads(browser).getFirst().getText()).as("a date on the column head").isEqualTo(OnCallSeed.logicalDate(11).toString().substring(5, 10));

            browser.driver().findElement(By.id("failed-only")).click();
            browser.until(d -> labels(browser).equals(List.of("transform", "load")));
            browser.driver().findElement(By.id("task-search")).sendKeys("loa");
            browser.until(d -> labels(browser).equals(List.of("load")));
            browser.driver().findElement(By.id("jump-failed")).click();
            browser.until(d -> "load".equals(browser.script("return document.activeElement.dataset.taskId"))
                    && OnCallSeed.runId(15).equals(browser.script("return document.activeElement.dataset.runId")));
            browser.screenshot("oncall-05-grid-filters");
            browser.assertConsoleClean();
        }
    }

    @Test
    void the_calendar_colours_each_day_of_the_year_by_its_runs() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/" + DAG_ID + "#calendar");
            browser.until(d -> d.findElements(By.cssSelector(".calendar-day")).size() >= 365);
            assertThat(day(browser, 5)).isEqualTo("failed");
            assertThat(day(browser, 6)).isEqualTo("success");
            String before = OnCallSeed.logicalDate(1).minus(Duration.ofDays(3)).toString().substring(0, 10);
            assertThat(browser.driver().findElement(By.cssSelector(".calendar-day[data-date='" + before + "']")).getDomAttribute("data-state"))
                    .isEqualTo("none");
            browser.screenshot("oncall-06-calendar");
            browser.assertConsoleClean();
        }
    }

    @Test
    void the_time_zone_switch_changes_every_shown_time_and_names_the_zone() {
        String day = OnCallSeed.logicalDate(2).toString().substring(0, 10);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/" + DAG_ID + "?run_id=" + OnCallSeed.runId(2));
            assertThat(browser.waitForText(By.cssSelector("[data-testid=run-logical-date]"), "UTC")).endsWith(day + " 00:00:00 UTC");
            assertThat(headTitle(browser, 2)).contains(day + " 00:00:00 UTC");

            new Select(browser.waitFor(By.id("timezone"))).selectByValue("dag");
            // India is 5:30 ahead of UTC all year.
            assertThat(browser.waitForText(By.cssSelector("[data-testid=run-logical-date]"), "05:30")).endsWith(day + " 05:30:00 GMT+5:30");
            assertThat(headTitle(browser, 2)).contains(day + " 05:30:00 GMT+5:30");
            browser.driver().findElement(By.id("tab-details")).click();
            browser.until(d -> d.findElement(By.id("panel-details")).getText().contains("GMT+5:30"));
            browser.screenshot("oncall-07-timezone-dag");

            browser.go(taskPath(OnCallSeed.runId(2), "extract"));
            WebElement summary = browser.waitFor(By.id("task-summary"));
            browser.until(d -> summary.getText().contains("GMT+5:30"));
            assertThat(summary.getText()).contains(day + " 05:30:00 GMT+5:30").doesNotContain("UTC");
            new Select(browser.driver().findElement(By.id("timezone"))).selectByValue("utc");
            browser.until(d -> d.findElement(By.id("task-summary")).getText().contains(day + " 00:00:00 UTC"));
            assertOnlySeededLogsMissing(browser);
        }
    }

    @Test
    void an_upstream_failed_task_says_which_upstream_failed_and_which_trigger_rule_held_it_back() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go(taskPath(OnCallSeed.runId(10), "load"));
            assertThat(browser.waitForText(By.id("log"), "Did not run"))
                    .contains("Trigger rule all_success", "transform is failed");
            browser.screenshot("oncall-08-upstream-failed-why");
            browser.assertConsoleClean();
        }
    }

    /** The seeded tries wrote no log file: a log's 404 is the one error allowed. */
    private static void assertOnlySeededLogsMissing(Browser browser) {
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("/logs/1") && e.contains("404"));
    }

    @Test
    void run_actions_clear_the_failed_tasks_then_the_whole_run_after_listing_them_then_mark_note_and_delete_it() {
        DagRunRow run = web.engine().trigger(DAG_ID, Map.of("fail", true));
        web.engine().awaitState(run);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go("/dags/" + DAG_ID + "?run_id=" + run.runId());
            browser.waitForText(By.cssSelector("[data-testid=run-state]"), "failed");
            assertThat(browser.waitFor(By.id("mark-run-failed")).isEnabled()).as("a failed run cannot be marked failed").isFalse();
            browser.until(ExpectedConditions.elementToBeClickable(By.id("clear-run-failed"))).click();
            browser.until(d -> listed(browser).size() == 2);
            assertThat(listed(browser)).containsExactlyInAnyOrder("transform", "load");
            browser.screenshot("oncall-09-clear-failed-of-run");
            browser.driver().findElement(By.cssSelector("[data-testid=confirm]")).click();
            // transform fails again (the conf still says so): a second try proves the clear ran it.
            browser.until(d -> tryOf(run.runId(), "transform") == 2 && "failed".equals(runState(run.runId())));
            assertThat(tryOf(run.runId(), "extract")).isEqualTo(1);

            browser.until(ExpectedConditions.elementToBeClickable(By.id("clear-run"))).click();
            browser.until(d -> listed(browser).size() == 3);
            browser.driver().findElement(By.cssSelector("[data-testid=confirm]")).click();
            browser.until(d -> tryOf(run.runId(), "extract") == 2 && tryOf(run.runId(), "transform") == 3
                    && "failed".equals(runState(run.runId())));

            browser.until(ExpectedConditions.elementToBeClickable(By.id("mark-run-success"))).click();
            browser.waitFor(By.cssSelector("[data-testid=confirm]")).click();
            browser.until(d -> "success".equals(runState(run.runId())));
            browser.waitForText(By.cssSelector("[data-testid=run-state]"), "success");

            browser.until(ExpectedConditions.elementToBeClickable(By.id("run-note"))).click();
            browser.waitFor(By.id("run-note-text")).sendKeys("rerun after the vendor fixed the feed");
            browser.driver().findElement(By.cssSelector("[data-testid=confirm]")).click();
            browser.until(d -> "rerun after the vendor fixed the feed".equals(note(run.runId())));

            browser.until(ExpectedConditions.elementToBeClickable(By.id("delete-run"))).click();
            browser.waitFor(By.cssSelector("[data-testid=confirm]")).click();
            browser.until(d -> runState(run.runId()) == null);
            browser.until(d -> d.findElements(By.cssSelector(".run-head[data-run-id='" + run.runId() + "']")).isEmpty());
            browser.assertConsoleClean();
        }
        assertThat(auditEvents(run.runId())).containsExactly("api.post_clear_task_instances", "api.clear_dag_run", "api.update_dag_run_state",
                "api.set_dag_run_note", "api.delete_dag_run");
    }

    @Test
    void mark_success_with_downstream_lists_the_instances_then_marks_them() {
        DagRunRow run = web.engine().trigger(DAG_ID, Map.of("fail", true));
        web.engine().awaitState(run);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go(taskPath(run.runId(), "transform"));
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "failed");
            browser.until(ExpectedConditions.elementToBeClickable(By.id("mark-success"))).click();
            browser.until(d -> listed(browser).equals(List.of("transform")));
            browser.driver().findElement(By.id("mark-downstream")).click();
            browser.until(d -> listed(browser).size() == 2);
            assertThat(listed(browser)).containsExactlyInAnyOrder("transform", "load");
            browser.screenshot("oncall-12-mark-success-downstream");
            browser.driver().findElement(By.cssSelector("[data-testid=confirm]")).click();
            browser.waitForText(By.cssSelector("[data-testid=task-state]"), "success");
            assertThat(browser.waitFor(By.id("mark-success")).isEnabled()).isFalse();
            browser.assertConsoleClean();
        }
        assertThat(List.of(stateOf(run.runId(), "transform"), stateOf(run.runId(), "load"))).containsOnly("success");
        assertThat(auditEvents(run.runId())).contains("api.post_set_task_instances_state");
    }

    @Test
    void the_next_run_says_when_it_will_run_and_which_interval_it_covers() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_daily");
            String text = browser.waitForText(By.cssSelector("[data-testid=next-run]"), "covers");
            // It runs when its interval ends: at 02:00, a day after the interval's start, and in the future.
            assertThat(text).matches("runs (\\S+ 02:00:00) UTC \\(in .+\\) · covers \\S+ 02:00:00 UTC – \\1 UTC");
            browser.assertConsoleClean();
        }
    }

    @Test
    void short_retried_tries_keep_their_gantt_labels_apart() {
        DagRunRow run = web.engine().trigger("web_retried", Map.of());
        web.engine().awaitState(run);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_retried?run_id=" + run.runId() + "#gantt");
            browser.until(d -> d.findElements(By.cssSelector(".gantt-row[data-task-id=wobbly] .gantt-bar")).size() == 3);
            List<?> overlaps = (List<?>) browser.script("const boxes = [...document.querySelectorAll('.gantt-row[data-task-id=wobbly] .gantt-outside,"
                    + " .gantt-row[data-task-id=wobbly] .gantt-bar span')].map(l => l.getBoundingClientRect());"
                    + "const out = []; boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {"
                    + "  if (a.left < b.right && b.left < a.right) out.push([a.left, a.right, b.left, b.right]); })); return out;");
            assertThat(overlaps).isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector(".gantt-row[data-task-id=wobbly] .gantt-outside"))).isNotEmpty();
            browser.screenshot("oncall-13-gantt-retried");
            browser.assertConsoleClean();
        }
    }

    @Test
    void durations_show_each_run_and_draw_task_lines_in_colours_no_state_uses() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/" + DAG_ID + "#durations");
            browser.until(d -> d.findElements(By.cssSelector("[data-testid=run-durations] rect")).size() >= 25);
            @SuppressWarnings("unchecked")
            List<String> clashes = (List<String>) browser.script("const probe = document.createElement('span'); document.body.append(probe);"
                    + "const states = ['success','failed','running','queued','scheduled','up_for_retry','upstream_failed','skipped','removed']"
                    + "  .map(s => { probe.className = 'st-' + s; return getComputedStyle(probe).getPropertyValue('--state').trim().toLowerCase(); });"
                    + "probe.remove();"
                    + "return [...document.querySelectorAll('.duration-line')].map(l => l.getAttribute('stroke').toLowerCase()).filter(c => states.includes(c));");
            assertThat(clashes).isEmpty();
            assertThat(browser.driver().findElements(By.cssSelector(".duration-line"))).hasSize(3);
            browser.screenshot("oncall-14-durations");
            browser.assertConsoleClean();
        }
    }

    @Test
    void the_log_highlights_warnings_finds_lines_and_downloads() {
        DagRunRow run = web.engine().trigger(DAG_ID, Map.of());
        web.engine().awaitState(run);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go(taskPath(run.runId(), "transform"));
            browser.waitForText(By.id("log-status"), "End of log");
            assertThat(browser.waitFor(By.cssSelector(".log-line.log-warn")).getText()).contains("2 rows look odd");
            browser.driver().findElement(By.id("log-search")).sendKeys("rows look");
            browser.waitForText(By.id("log-matches"), "1 matching line");
            assertThat(browser.driver().findElements(By.cssSelector(".log-line:not(.log-hidden)"))).singleElement()
                    .extracting(WebElement::getText).asString().contains("2 rows look odd");
            browser.screenshot("oncall-10-log-search");
            browser.script("window.__downloads = []; const original = HTMLAnchorElement.prototype.click;"
                    + "HTMLAnchorElement.prototype.click = function () { window.__downloads.push(this.download); };");
            browser.driver().findElement(By.id("log-download")).click();
            assertThat(browser.script("return window.__downloads[0]")).asString()
                    .startsWith(DAG_ID + "__").endsWith("__transform__try1.log");
            browser.assertConsoleClean();
        }
    }

    @Test
    void at_800_pixels_the_dag_list_and_the_details_tables_fit_the_page() {
        try (Browser browser = Browser.open(web.baseUrl(), new org.openqa.selenium.Dimension(800, 900))) {
            browser.login(WebFixture.VIEWER);
            browser.waitFor(By.cssSelector("tr[data-dag-id]"));
            assertThat(overflowing(browser)).as("on the DAG list").isEmpty();
            browser.go("/dags/" + DAG_ID + "#details");
            browser.waitFor(By.cssSelector("#panel-details .table"));
            assertThat(overflowing(browser)).as("on Details").isEmpty();
            browser.screenshot("oncall-11-details-800px");
            browser.assertConsoleClean();
        }
    }

    /** @return the tables wider than the box they sit in (so they scroll sideways or stick out), and the page when it scrolls sideways */
    @SuppressWarnings("unchecked")
    private static List<String> overflowing(Browser browser) {
        return (List<String>) browser.script("const width = document.documentElement.clientWidth;"
                + "const out = [...document.querySelectorAll('table, dl')].filter(t => t.offsetWidth > t.parentElement.clientWidth + 1)"
                + "  .map(t => (t.className || t.tagName) + ' ' + t.offsetWidth + ' > ' + t.parentElement.clientWidth);"
                + "if (document.documentElement.scrollWidth > width + 1) out.push('page ' + document.documentElement.scrollWidth + ' > ' + width);"
                + "return out;");
    }

    private static int tryOf(String runId, String taskId) {
        return web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT try_number FROM task_instance WHERE run_id = :run AND task_id = :task")
                .bind("run", runId).bind("task", taskId).mapTo(Integer.class).one());
    }

    private static String stateOf(String runId, String taskId) {
        return web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT state FROM task_instance WHERE run_id = :run AND task_id = :task")
                .bind("run", runId).bind("task", taskId).mapTo(String.class).one());
    }

    private static String runState(String runId) {
        return web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT state FROM dag_run WHERE run_id = :run").bind("run", runId).mapTo(String.class).findOne().orElse(null));
    }

    private static String note(String runId) {
        return web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT note FROM dag_run WHERE run_id = :run").bind("run", runId).mapTo(String.class).findOne().orElse(null));
    }

    private static List<String> auditEvents(String runId) {
        return web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT event FROM audit_log WHERE run_id = :run ORDER BY id").bind("run", runId).mapTo(String.class).list());
    }

    private static String taskPath(String runId, String taskId) {
        return "/dags/" + DAG_ID + "/runs/" + runId + "/tasks/" + taskId;
    }

    private static long notFoundRequests(Browser browser) {
        return ((Number) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('no_such_')).length")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed(Browser browser) {
        return (List<String>) browser.script("return [...document.querySelectorAll('[data-testid=affected] li')].map(li => li.dataset.taskId)");
    }

    /** The grid's column heads as plain values, read in one script (the grid redraws them as it refreshes). */
    private record Head(String runId, String state, String runType, String text) {
        String getDomAttribute(String name) {
            return switch (name) {
                case "data-run-id" -> runId;
                case "data-state" -> state;
                case "data-run-type" -> runType;
                default -> throw new IllegalArgumentException(name);
            };
        }

        String getText() {
            return text;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Head> heads(Browser browser) {
        List<List<String>> rows = (List<List<String>>) browser.script("return [...document.querySelectorAll('.run-head')]"
                + ".sort((a, b) => a.getBoundingClientRect().left - b.getBoundingClientRect().left)"
                + ".map(h => [h.dataset.runId, h.dataset.state, h.dataset.runType, h.innerText.trim()])");
        return rows.stream().map(r -> new Head(r.get(0), r.get(1), r.get(2), r.get(3))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> labels(Browser browser) {
        return (List<String>) browser.script("return [...document.querySelectorAll('.vgrid-label')]"
                + ".sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map(l => l.textContent)");
    }

    private static void setDate(Browser browser, String id, String isoDate) {
        browser.script("const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                + "input.dispatchEvent(new Event('change'))", id, isoDate);
    }

    private static String day(Browser browser, int run) {
        String date = OnCallSeed.logicalDate(run).toString().substring(0, 10);
        return browser.driver().findElement(By.cssSelector(".calendar-day[data-date='" + date + "']")).getDomAttribute("data-state");
    }

    private static String headTitle(Browser browser, int run) {
        return browser.waitFor(By.cssSelector(".run-head[data-run-id='" + OnCallSeed.runId(run) + "']")).getDomAttribute("title");
    }

    private static long auditCount(String event) {
        return web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE event LIKE :e").bind("e", "%" + event + "%").mapTo(Long.class).one());
    }
}
