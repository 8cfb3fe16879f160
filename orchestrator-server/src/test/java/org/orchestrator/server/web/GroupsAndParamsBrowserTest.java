package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Param;
import org.orchestrator.server.state.DagRunRow;

/**
 * Task groups in the graph and the grid (collapse, expand, collapsed from the start on a big DAG) and the
 * trigger form generated from typed params (inline checks, the server's field errors beside the
 * field, the JSON editor as the alternative), in a real headless Chromium.
 */
class GroupsAndParamsBrowserTest {

    private static WebFixture web;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(grouped(), big(), typed());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    static Dag grouped() {
        return Dag.builder("web_grouped")
                .task("start", ctx -> { })
                .group("extract", g -> g.task("orders", ctx -> { }).task("customers", ctx -> { }).chain("orders", "customers"))
                .task("end", ctx -> { })
                .chain("start", "extract", "end")
                .build();
    }

    static Dag big() {
        Dag.Builder builder = Dag.builder("web_big").task("start", ctx -> { });
        builder.group("many", g -> {
            for (int i = 0; i < 31; i++) {
                g.task("t" + i, ctx -> { });
            }
        });
        return builder.chain("start", "many").build();
    }

    static Dag typed() {
        return Dag.builder("web_typed")
                .param("min_amount", Param.integer().minimum(0).defaultValue(0).description("smallest order kept"))
                .param("batch", Param.integer().with("multipleOf", 10).defaultValue(10))
                .param("country", Param.string().enumOf("FR", "DE").defaultValue("FR"))
                .task("read", ctx -> { })
                .build();
    }

    @Test
    void a_group_in_the_graph_collapses_to_one_node_with_its_state_and_expands_again() {
        DagRunRow run = web.engine().trigger("web_grouped", Map.of());
        web.engine().awaitState(run);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_grouped?run_id=" + URLEncoder.encode(run.runId(), StandardCharsets.UTF_8) + "#graph");
            browser.until(d -> "success".equals(state(browser, task("extract.orders"))));
            assertThat(browser.driver().findElements(By.cssSelector("g.cluster[data-cluster-id='extract']"))).hasSize(1);
            assertThat(browser.driver().findElements(By.cssSelector("path.edge"))).as("start → orders → customers → end").hasSize(3);
            browser.screenshot("groups-01-graph-expanded");

            browser.driver().findElement(By.cssSelector("[data-collapse-group='extract']")).click();

            browser.until(d -> "success".equals(state(browser, group("extract"))));
            assertThat(browser.driver().findElements(task("extract.orders"))).isEmpty();
            assertThat(browser.driver().findElement(group("extract")).findElement(By.cssSelector(".node-state")).getText())
                    .isEqualTo("2 tasks · success");
            assertThat(browser.driver().findElements(By.cssSelector("path.edge"))).as("start → group → end").hasSize(2);
            browser.screenshot("groups-02-graph-collapsed");

            browser.driver().findElement(group("extract")).click();

            browser.until(d -> "success".equals(state(browser, task("extract.customers"))));
            assertThat(browser.driver().findElements(group("extract"))).isEmpty();
            browser.assertConsoleClean();
        }
    }

    @Test
    void a_group_in_the_grid_is_a_row_of_its_own_that_hides_and_shows_its_tasks_rows() {
        DagRunRow run = web.engine().trigger("web_grouped", Map.of());
        web.engine().awaitState(run);
        By groupCell = By.cssSelector(".cell[data-group-id='extract'][data-run-id='" + run.runId() + "']");
        By taskCell = By.cssSelector(".cell[data-task-id='extract.orders'][data-run-id='" + run.runId() + "']");
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_grouped");
            browser.until(d -> "success".equals(state(browser, taskCell)));
            WebElement label = browser.waitFor(By.cssSelector(".group-label[data-group-id='extract']"));
            assertThat(label.getText()).isEqualTo("▾ extract (2)");
            assertThat(state(browser, groupCell)).isEqualTo("success");

            label.click();

            browser.until(d -> d.findElements(taskCell).isEmpty());
            assertThat(browser.driver().findElement(By.cssSelector(".group-label[data-group-id='extract']")).getText())
                    .isEqualTo("▸ extract (2)");
            assertThat(state(browser, groupCell)).isEqualTo("success");
            browser.screenshot("groups-03-grid-collapsed");

            browser.driver().findElement(By.cssSelector(".group-label[data-group-id='extract']")).click();

            browser.until(d -> "success".equals(state(browser, taskCell)));
            browser.assertConsoleClean();
        }
    }

    @Test
    void a_dag_of_more_than_thirty_tasks_shows_its_groups_collapsed() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_big#graph");
            browser.waitFor(group("many"));
            assertThat(browser.driver().findElements(By.cssSelector("g.node[data-task-id]"))).hasSize(1);
            browser.driver().findElement(group("many")).click();
            browser.waitFor(task("many.t30"));
            browser.assertConsoleClean();
        }
    }

    @Test
    void the_params_form_marks_an_invalid_value_inline_and_the_servers_field_error_beside_its_field() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go("/dags/web_typed");
            browser.waitFor(By.cssSelector("[data-testid=trigger]")).click();
            WebElement min = browser.waitFor(By.id("param-min_amount"));
            assertThat(min.getDomProperty("value")).isEqualTo("0");
            assertThat(browser.driver().findElement(By.cssSelector("[data-param=min_amount] .hint")).getText()).isEqualTo("smallest order kept");

            replace(min, "-1");

            assertThat(browser.waitFor(By.id("param-min_amount-error")).getText()).isEqualTo("Must be at least 0");
            assertThat(browser.driver().findElement(By.id("trigger-submit")).isEnabled()).isFalse();
            browser.screenshot("params-01-inline-error");

            replace(min, "5");
            replace(browser.driver().findElement(By.id("param-batch")), "15");
            browser.until(ExpectedConditions.elementToBeClickable(By.id("trigger-submit"))).click();

            // multipleOf is left to the server: its 400 names the field, and the form shows it there.
            assertThat(browser.waitFor(By.id("param-batch-error")).getText()).contains("multiple of");
            assertThat(browser.driver().findElement(By.id("param-min_amount-error")).isDisplayed()).isFalse();
            assertThat(confs()).isEmpty();
            browser.screenshot("params-02-server-field-error");
            assertThat(browser.consoleErrors()).as("only the refused trigger").singleElement().asString().contains("dagRuns", "400");

            browser.driver().findElement(By.id("trigger-mode")).click();
            WebElement json = browser.waitFor(By.id("trigger-conf"));
            assertThat(json.getDomProperty("value")).contains("\"min_amount\": 5", "\"batch\": 15", "\"country\": \"FR\"");
            replace(json, "{\"min_amount\": 5, \"batch\": 20, \"country\": \"DE\"}");
            browser.until(ExpectedConditions.elementToBeClickable(By.id("trigger-submit"))).click();

            browser.until(d -> (String) browser.script("return new URLSearchParams(location.search).get('run_id')"));
            browser.assertConsoleClean();
        }
        assertThat(confs()).singleElement().asString().contains("\"batch\":20", "\"country\":\"DE\"");
    }

    private static java.util.List<String> confs() {
        return web.engine().orchestrator().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT conf FROM dag_run WHERE dag_id = 'web_typed'").mapTo(String.class).list());
    }

    private static By task(String taskId) {
        return By.cssSelector("g.node[data-task-id='" + taskId + "']");
    }

    private static By group(String groupId) {
        return By.cssSelector("g.node[data-group-id='" + groupId + "']");
    }

    private static String state(Browser browser, By locator) {
        var nodes = browser.driver().findElements(locator);
        return nodes.isEmpty() ? null : nodes.getFirst().getDomAttribute("data-state");
    }

    private static void replace(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }
}
