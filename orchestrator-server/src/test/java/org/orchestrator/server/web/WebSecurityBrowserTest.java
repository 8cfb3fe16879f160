package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.Select;
import org.orchestrator.api.DagRunState;
import org.orchestrator.server.state.DagRunRow;
import org.orchestrator.server.state.Dags;

/** Roles and escaping, checked in a real headless Chromium through the DOM and the console. */
class WebSecurityBrowserTest {

    private static WebFixture web;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(WebDags.demo(), WebDags.xss());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void a_viewer_sees_no_controls_and_the_api_refuses_its_session_anyway() {
        DagRunRow run = web.engine().trigger("web_demo", Map.of());
        web.engine().awaitState(run);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            assertThat(browser.waitFor(By.cssSelector("[data-testid=pause-toggle]")).isEnabled()).isFalse();
            browser.go("/dags/web_demo");
            browser.waitFor(By.cssSelector(".cell[data-state='success']"));
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=trigger]"))).isEmpty();
            assertThat(browser.driver().findElement(By.id("pause-toggle")).isEnabled()).isFalse();
            browser.screenshot("security-01-viewer-dag");
            browser.go(taskPage("web_demo", run.runId(), "extract"));
            browser.waitForText(By.id("log"), "extract sees conf");
            assertThat(browser.driver().findElements(By.cssSelector("#task-actions button"))).isEmpty();
            browser.assertConsoleClean();

            Object status = browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/ui/session').then(r => r.json()).then(s => fetch('/api/v1/dags/web_demo/dagRuns', {
                      method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token}, body: '{}'
                    })).then(r => done(r.status));""");
            assertThat(status).isEqualTo(403L);
        }
    }

    @Test
    void script_in_a_description_conf_and_log_is_shown_as_text_and_never_runs() {
        DagRunRow run = web.engine().trigger("web_xss", Map.of("payload", WebDags.XSS));
        assertThat(web.engine().awaitState(run)).isEqualTo(DagRunState.SUCCESS);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.waitForText(By.cssSelector("tr[data-dag-id='web_xss'] .description"), WebDags.XSS);
            assertNothingInjected(browser);

            browser.go("/dags/web_xss");
            assertThat(browser.waitForText(By.cssSelector("[data-testid=dag-description]"), WebDags.XSS)).isEqualTo("Danger " + WebDags.XSS);
            browser.waitForText(By.cssSelector(".run-bar .conf"), "<script>");
            browser.driver().findElement(By.id("tab-details")).click();
            browser.waitForText(By.cssSelector("[data-testid=details-description]"), WebDags.XSS);
            browser.driver().findElement(By.cssSelector("[data-testid=trigger]")).click();
            assertThat(browser.waitFor(By.id("trigger-conf")).getDomProperty("value")).contains("<img src=x onerror=");
            browser.screenshot("security-02-xss-dag");
            assertNothingInjected(browser);

            browser.go(taskPage("web_xss", run.runId(), "echo"));
            browser.waitForText(By.id("log"), "payload " + WebDags.XSS);
            browser.screenshot("security-03-xss-log");
            assertNothingInjected(browser);
        }
    }

    @Test
    void the_code_tab_shows_a_stored_source_with_script_as_text_and_names_a_version_without_source() {
        String source = "// web_xss " + WebDags.XSS + "\nclass Dags {}\n";
        web.engine().orchestrator().jdbi().useHandle(h -> new Dags().addVersion(h, "web_xss", "xss0source0version",
                "<test>/xss.java", "{}", source, Instant.now()));
        String current = web.engine().orchestrator().dags().get("web_xss").orElseThrow().version();
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/dags/web_xss#code");
            browser.waitForText(By.cssSelector("[data-testid=code-missing]"),
                    "Source not kept for jar bundles (version " + current + ")");
            Select versions = new Select(browser.waitFor(By.id("version-select")));
            assertThat(versions.getFirstSelectedOption().getDomProperty("value")).isEqualTo(current);
            versions.selectByValue("xss0source0version");
            assertThat(browser.waitForText(By.cssSelector("pre [data-testid=code-source]"), WebDags.XSS))
                    .isEqualTo(source.strip());
            // Highlighted: the comment holding the payload and the keyword are spans, and nothing else was made.
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=code-source] .hljs-comment")).getText())
                    .isEqualTo("// web_xss " + WebDags.XSS);
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=code-source] .hljs-keyword")).getText())
                    .isEqualTo("class");
            assertThat(browser.script("return document.querySelectorAll('[data-testid=code-source] :not(span)').length"))
                    .isEqualTo(0L);
            browser.screenshot("security-04-xss-code");
            assertNothingInjected(browser);
        }
    }

    /** No alert, no global set by the payload, no image or inline script element, no console error (CSP reports there). */
    private static void assertNothingInjected(Browser browser) {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.script("return typeof window.__xss")).isEqualTo("undefined");
        assertThat(browser.script("return document.querySelectorAll('img[src=\"x\"], img[onerror], [onerror]').length")).isEqualTo(0L);
        assertThat(browser.script("return [...document.scripts].filter(s => !s.src).length")).isEqualTo(0L);
        browser.assertConsoleClean();
    }

    private static String taskPage(String dagId, String runId, String taskId) {
        return "/dags/" + dagId + "/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20") + "/tasks/" + taskId;
    }
}
