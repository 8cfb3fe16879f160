package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.orchestrator.server.testing.TestSources;

/** Roles and escaping, checked in a real headless Chromium through the DOM and the console. */
class WebSecurityBrowserTest {

    /** A DAG file whose name is markup (a file name cannot hold the script's '/'). */
    private static final String XSS_FILE_NAME = "<img src=x onerror=\"window.__xss = 3\">.jar";

    private static WebFixture web;
    private static Path brokenSource;
    private static Path brokenJar;

    @BeforeAll
    static void start() throws IOException {
        Browser.assumeInstalled();
        web = WebFixture.start(WebDags.demo(), WebDags.xss(), WebDags.xssFailure());
        // Two import errors quoting attacker-ish text: javac's message quotes the offending source
        // line (a missing ';' before a comment holding the payload), and the loader's names the file.
        Path dags = Files.createDirectories(web.engine().orchestrator().config().dagsFolder());
        brokenSource = TestSources.write(dags.resolve("xss_broken.java"), TestSources.provider("xss_broken",
                "return List.of(Dag.builder(\"xss_broken\").task(\"a\", c -> {}).build()) // " + WebDags.XSS));
        brokenJar = Files.write(dags.resolve(XSS_FILE_NAME), "not a jar".getBytes(StandardCharsets.UTF_8));
        web.engine().orchestrator().scanDags();
        Map<String, String> errors = web.engine().orchestrator().dags().importErrors();
        assertThat(errors.get(brokenSource.toString())).contains("';' expected", "// " + WebDags.XSS);
        assertThat(errors.get(brokenJar.toString())).contains(XSS_FILE_NAME);
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
            // Markdown docs are formatted (bold, code) while their raw HTML shows as text and their script link is inert.
            assertThat(browser.waitForText(By.cssSelector("[data-testid=dag-doc] strong"), "Bold doc")).isEqualTo("Bold doc");
            browser.waitForText(By.cssSelector("[data-testid=dag-doc]"), WebDags.XSS);
            assertThat(browser.script("return document.querySelector('[data-testid=dag-doc] a').getAttribute('href')")).isEqualTo("");
            browser.waitForText(By.cssSelector("[data-testid=task-doc-echo] code"), "payload");
            browser.waitForText(By.cssSelector("[data-testid=task-doc-echo]"), WebDags.XSS);
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
        web.engine().orchestrator().database().transactions().useHandle(h -> new Dags().addVersion(h, "web_xss", "xss0source0version",
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

    @Test
    void script_in_a_failed_try_s_exception_message_is_shown_as_text_and_never_runs() {
        DagRunRow run = web.engine().trigger("web_xss_failure", Map.of());
        assertThat(web.engine().awaitState(run)).isEqualTo(DagRunState.FAILED);
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go(taskPage("web_xss_failure", run.runId(), "explode"));
            browser.waitForText(By.id("log"), "java.lang.IllegalStateException: refused " + WebDags.XSS);
            browser.waitForText(By.id("log-status"), "End of log (try 1)");
            assertThat(browser.waitForText(By.cssSelector("[data-testid=task-state]"), "failed")).isEqualTo("failed");
            // The log is one span per line (so WARN/ERROR lines can be coloured), each holding only text.
            assertThat(browser.script("const log = document.getElementById('log');"
                    + "return [...log.querySelectorAll('*')].filter(el => !(el.matches('#log > span.log-line') && el.children.length === 0)).length"))
                    .as("the log is only text").isEqualTo(0L);
            assertThat(browser.script("return document.getElementById('log').querySelectorAll('span.log-line').length")).isNotEqualTo(0L);
            browser.screenshot("security-05-xss-failed-try");
            assertNothingInjected(browser);
        }
    }

    @Test
    void script_in_import_error_messages_and_file_names_is_shown_as_text_and_never_runs() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.waitForText(By.cssSelector("[data-testid=import-errors-banner]"), "2 import errors");
            assertNothingInjected(browser);

            browser.driver().findElement(By.cssSelector("[data-testid=import-errors-banner]")).click();
            browser.until(d -> d.findElements(By.cssSelector("[data-testid=import-error]")).size() == 2);
            // Read in one script: the page redraws its list every few seconds, which would make held elements stale.
            @SuppressWarnings("unchecked")
            Map<String, String> shown = (Map<String, String>) browser.script("return Object.fromEntries("
                    + "[...document.querySelectorAll('[data-testid=import-error]')]"
                    + ".map(e => [e.querySelector('h2 code').textContent, e.querySelector('pre').textContent]))");
            assertThat(shown).containsOnlyKeys(brokenSource.toString(), brokenJar.toString());
            assertThat(brokenJar.toString()).endsWith("/" + XSS_FILE_NAME);
            assertThat(shown.get(brokenSource.toString()))
                    .contains("compilation of xss_broken.java failed with 1 error:", "';' expected", "// " + WebDags.XSS);
            assertThat(shown.get(brokenJar.toString())).contains("cannot read " + XSS_FILE_NAME + " as a jar");
            assertThat(browser.script("return document.querySelectorAll('[data-testid=import-error] pre *, "
                    + "[data-testid=import-error] h2 code *').length")).as("messages and names are only text").isEqualTo(0L);
            browser.screenshot("security-06-xss-import-errors");
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
