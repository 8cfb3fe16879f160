package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.orchestrator.api.Dag;
import org.orchestrator.server.state.DagRunRow;

/**
 * The browse pages, the on-call home page and the not-found page in Chromium: filters narrow
 * the list and stay in the URL, the pager walks it, rows link to their DAG, run and task; the
 * home page counts failures, running runs and late runs; an unknown URL gets an HTML 404 while
 * the API keeps problem+json.
 */
class WebBrowseBrowserTest {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static WebFixture web;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        Dag pusher = Dag.builder("web_pusher").task("count", ctx -> ctx.xcomPush("rows", 42)).build();
        Dag late = Dag.builder("web_late").sla(Duration.ofSeconds(1)).task("hang", ctx -> {
            if (!RELEASE.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released it");
            }
        }).build();
        web = WebFixture.start(WebDags.demo(), WebDags.flaky(), pusher, late);
        for (int i = 0; i < 3; i++) {
            web.engine().awaitState(web.engine().trigger("web_demo", Map.of()));
        }
        web.engine().awaitState(web.engine().trigger("web_flaky", Map.of()));
        web.engine().awaitState(web.engine().trigger("web_pusher", Map.of()));
        DagRunRow overdue = web.engine().trigger("web_late", Map.of());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                web.engine().orchestrator().reads().slaMisses(null, new org.orchestrator.server.state.Page(10, 0))
                        .items().stream().anyMatch(r -> r.runId().equals(overdue.runId())));
    }

    @AfterAll
    static void stop() {
        RELEASE.countDown();
        if (web != null) {
            web.close();
        }
    }

    @Test
    void runs_filter_by_dag_and_state_and_page_through() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/browse/runs?limit=2");
            browser.waitForText(By.cssSelector("[data-testid=page-range]"), "1–2 of 6");
            browser.driver().findElement(By.cssSelector("[data-testid=page-next]")).click();
            browser.waitForText(By.cssSelector("[data-testid=page-range]"), "3–4 of 6");
            assertThat(browser.driver().getCurrentUrl()).contains("offset=2").contains("limit=2");
            browser.driver().findElement(By.cssSelector("[data-testid=page-next]")).click();
            browser.waitForText(By.cssSelector("[data-testid=page-range]"), "5–6 of 6");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=page-next]")).isEnabled()).isFalse();

            WebElement dag = browser.driver().findElement(By.cssSelector("[data-testid=filter-dag_id]"));
            dag.sendKeys("web_demo");
            browser.driver().findElement(By.cssSelector("[data-testid=filter-apply]")).click();
            browser.waitForText(By.cssSelector("[data-testid=page-range]"), "1–2 of 3");
            assertThat(rows(browser)).allSatisfy(row -> assertThat(row).startsWith("web_demo"));
            browser.screenshot("browse-runs-01-filtered-paged");

            browser.go("/browse/runs?state=failed");
            browser.waitForText(By.cssSelector("[data-testid=page-range]"), "1–1 of 1");
            assertThat(rows(browser)).singleElement().asString().startsWith("web_flaky").contains("failed");
            assertThat(new Select(browser.driver().findElement(By.cssSelector("[data-testid=filter-state]")))
                    .getFirstSelectedOption().getText()).isEqualTo("failed");
            browser.driver().findElement(By.cssSelector("[data-testid=browse-row] td:nth-child(2) a")).click();
            browser.until(d -> d.getCurrentUrl().contains("/dags/web_flaky?run_id="));
            browser.assertConsoleClean();
        }
    }

    @Test
    void task_instances_audit_log_xcoms_and_sla_misses_list_and_filter() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.OP);
            browser.go("/browse/task-instances?state=failed");
            browser.waitForText(By.cssSelector("[data-testid=page-range]"), "of 1");
            assertThat(rows(browser)).singleElement().asString().contains("web_flaky").contains("flaky");
            browser.go("/browse/task-instances?dag_id=web_demo&task_id=load");
            browser.waitForText(By.cssSelector("[data-testid=page-range]"), "1–3 of 3");
            browser.screenshot("browse-task-instances");

            browser.go("/browse/xcoms?dag_id=web_pusher");
            browser.waitForText(By.cssSelector("[data-testid=page-range]"), "1–1 of 1");
            browser.driver().findElement(By.cssSelector("[data-testid=xcom-show]")).click();
            browser.waitForText(By.cssSelector("[data-testid=xcom-value]"), "42");
            browser.screenshot("browse-xcoms");

            browser.go("/browse/sla-misses");
            browser.waitForText(By.cssSelector("[data-testid=browse]"), "web_late");
            browser.screenshot("browse-sla-misses");

            for (boolean paused : new boolean[] {true, false}) {
                assertThat(new WebClient(web.baseUrl()).basic("PATCH", "/api/v1/dags/web_demo", "{\"is_paused\": " + paused + "}",
                        WebFixture.OP, WebFixture.password(WebFixture.OP)).status()).isEqualTo(200);
            }
            browser.go("/browse/audit-log?event=patch_dag");
            browser.waitForText(By.cssSelector("[data-testid=browse]"), "web_demo");
            assertThat(rows(browser)).allSatisfy(row -> assertThat(row).contains("api.patch_dag").contains(WebFixture.OP));
            browser.screenshot("browse-audit-log");
            browser.go("/browse/audit-log?event=no_such_event");
            browser.waitFor(By.cssSelector("[data-testid=browse-empty]"));
            browser.assertConsoleClean();
        }
    }

    @Test
    void the_home_page_shows_what_needs_attention() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/home");
            browser.waitForText(By.cssSelector("[data-testid=home-card-failed-runs]"), "1");
            assertThat(browser.waitForText(By.cssSelector("[data-testid=home-failed]"), "web_flaky")).doesNotContain("web_demo");
            browser.waitForText(By.cssSelector("[data-testid=home-running]"), "web_late");
            browser.waitForText(By.cssSelector("[data-testid=home-pools]"), "default_pool");
            browser.waitForText(By.cssSelector("[data-testid=home-card-sla-misses]"), "1");
            browser.waitForText(By.cssSelector("[data-testid=home-card-nodes]"), "1 of 1 alive");
            browser.waitForText(By.cssSelector("[data-testid=home-card-scheduler]"), "healthy");
            browser.screenshot("home-on-call");
            browser.assertConsoleClean();
        }
    }

    @Test
    void an_unknown_url_gets_an_html_404_page_and_api_urls_keep_problem_json() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.go("/no/such/page?x=<b>bold</b>");
            browser.waitForText(By.cssSelector("[data-testid=not-found]"), "Page not found");
            browser.waitFor(By.id("logout"));
            assertThat(browser.driver().getPageSource()).doesNotContain("<b>bold</b>");
            browser.screenshot("not-found");
        }
        WebClient client = new WebClient(web.baseUrl());
        client.login(WebFixture.VIEWER, WebFixture.password(WebFixture.VIEWER), "/dags");
        WebClient.Response page = client.send("GET", "/no/such/page", "", Map.of("Accept", "text/html,application/xhtml+xml"));
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Page not found");
        WebClient.Response api = client.send("GET", "/api/v1/no-such-thing", "", Map.of("Accept", "text/html"));
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void the_new_pages_fit_a_phone_screen() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.PHONE)) {
            browser.login(WebFixture.ADMIN);
            for (String page : List.of("/home", "/browse/runs", "/browse/task-instances", "/browse/audit-log", "/browse/xcoms",
                    "/browse/sla-misses", "/admin/connections", "/admin/variables", "/admin/pools", "/admin/users", "/admin/tokens")) {
                browser.go(page);
                browser.until(d -> !d.findElements(By.cssSelector("[data-testid=pager], [data-testid=home-card-scheduler]")).isEmpty());
                Object overflow = browser.script("return document.documentElement.scrollWidth - window.innerWidth");
                assertThat(((Number) overflow).longValue()).as(page + " is wider than the phone").isLessThanOrEqualTo(0);
                browser.screenshot("phone" + page.replace('/', '-'));
            }
            browser.assertConsoleClean();
        }
    }

    private static List<String> rows(Browser browser) {
        return browser.driver().findElements(By.cssSelector("[data-testid=browse-row]")).stream().map(WebElement::getText).toList();
    }
}
