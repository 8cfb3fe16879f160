package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.orchestrator.api.Dag;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.tasks.ShellTask;

/** The task page's Rendered section: what the try's templated fields rendered to, as text. */
class WebRenderedBrowserTest {

    private static WebFixture web;
    private static DagRunRow run;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(Dag.builder("web_rendered").param("region", "<b>eu</b>")
                .task("say", ShellTask.bash("echo 'day {{ ds }} in {{ params.region }}'").build())
                .task("plain", ctx -> ctx.log().info("no templates here"))
                .build());
        run = web.engine().trigger("web_rendered", Map.of());
        web.engine().awaitState(run);
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void the_task_page_shows_the_rendered_fields_as_text_and_hides_the_section_without_templates() {
        String ds = run.logicalDate().atZone(ZoneOffset.UTC).toLocalDate().toString();
        String runPath = "/dags/web_rendered/runs/" + java.net.URLEncoder.encode(run.runId(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.go("/login");
            browser.login(WebFixture.VIEWER);
            browser.go(runPath + "/tasks/say");

            browser.waitForText(By.cssSelector("[data-field='command[2]'] pre"), "day " + ds);
            assertThat(browser.driver().findElement(By.cssSelector("[data-field='command[2]'] pre")).getText())
                    .isEqualTo("echo 'day " + ds + " in <b>eu</b>'");
            assertThat(browser.driver().findElements(By.cssSelector("#rendered b"))).isEmpty();
            browser.screenshot("task-rendered-fields");

            browser.go(runPath + "/tasks/plain");
            browser.waitForText(By.id("log-status"), "End of log");
            assertThat(browser.driver().findElement(By.id("rendered-section")).isDisplayed()).isFalse();
            browser.assertConsoleClean();
        }
    }
}
