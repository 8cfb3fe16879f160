package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.orchestrator.api.Dag;
import org.orchestrator.api.MapSource;
import org.orchestrator.server.state.DagRunRow;

/**
 * A mapped task in the dashboard: one grid cell with its instance count and aggregate state that
 * opens its instances, the map-index picker showing one instance's log, the graph's mark.
 */
class WebMappedTasksBrowserTest {

    private static WebFixture web;
    private static DagRunRow run;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(Dag.builder("web_mapped")
                .task("list_files", ctx -> ctx.xcomPush(List.of("a.csv", "b.csv", "c.csv", "d.csv", "e.csv")))
                .task("process", ctx -> ctx.log().info("processing {} as instance {}", ctx.arg("file", String.class), ctx.mapIndex()),
                        t -> t.expand("file", MapSource.fromXcom("list_files")))
                .build());
        run = web.engine().trigger("web_mapped", Map.of());
        web.engine().awaitState(run);
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void the_mapped_cell_shows_its_count_and_opens_the_instances_where_map_index_3_shows_its_own_log() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.go("/login");
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_mapped");
            WebElement cell = browser.waitFor(By.cssSelector(".cell.mapped[data-task-id='process']"));
            assertThat(cell.getText()).isEqualTo("5");
            assertThat(cell.getAttribute("data-state")).isEqualTo("success");
            assertThat(cell.getAttribute("title")).contains("5 mapped");

            cell.click();
            browser.until(d -> d.findElements(By.cssSelector("[data-testid=mapped-instances] tbody tr")).size() == 5);
            new Select(browser.waitFor(By.id("map-index"))).selectByValue("3");

            browser.waitForText(By.id("log-status"), "End of log");
            assertThat(browser.waitFor(By.id("log")).getText()).contains("processing d.csv as instance 3").doesNotContain("c.csv");
            assertThat(browser.driver().findElement(By.cssSelector("#task-head h1")).getText()).isEqualTo("process [3]");
            browser.screenshot("mapped-task-instance-3");
            browser.assertConsoleClean();
        }
    }

    @Test
    void the_graph_marks_the_mapped_task() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.go("/login");
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_mapped");
            browser.waitFor(By.id("tab-graph")).click();
            WebElement node = browser.waitFor(By.cssSelector("g.node[data-mapped='true'][data-task-id='process']"));

            assertThat(node.findElement(By.cssSelector(".node-label")).getText()).isEqualTo("process [ ]");
            assertThat(browser.driver().findElements(By.cssSelector("g.node[data-mapped='true']"))).hasSize(1);
            browser.assertConsoleClean();
        }
    }
}
