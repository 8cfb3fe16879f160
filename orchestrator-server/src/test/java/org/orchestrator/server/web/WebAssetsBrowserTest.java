package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.orchestrator.api.Asset;
import org.orchestrator.api.Dag;
import org.orchestrator.api.Schedule;
import org.orchestrator.server.ops.Actor;

/**
 * Issue 15: the Assets page (each asset, its producers and consumers, its last events) and, on a
 * DAG scheduled on assets, which assets it waits for and which are still missing.
 */
class WebAssetsBrowserTest {

    private static final Asset ORDERS = Asset.of("jdbc://analytics/orders").named("orders");
    private static final Asset CLICKS = Asset.of("file:///data/clicks/").named("<b>clicks</b>");
    private static WebFixture web;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(
                Dag.builder("orders_etl").task("load", ctx -> { }, t -> t.outlets(ORDERS)).build(),
                Dag.builder("funnel").schedule(Schedule.onAssets(ORDERS, CLICKS)).task("report", ctx -> { }).build());
        web.engine().awaitState(web.engine().trigger("orders_etl", Instant.parse("2026-03-01T00:00:00Z")));
        await().atMost(Duration.ofSeconds(20)).until(() -> !web.engine().orchestrator().reads().queuedAssetEvents("funnel").isEmpty());
        web.engine().orchestrator().ops().assets().recordEvent(Actor.cli(), CLICKS.uri(), Map.of("files", 3));
        await().atMost(Duration.ofSeconds(20)).until(() -> web.engine().orchestrator().reads().queuedAssetEvents("funnel").isEmpty());
        web.engine().awaitState(web.engine().trigger("orders_etl", Instant.parse("2026-03-02T00:00:00Z")));
        await().atMost(Duration.ofSeconds(20)).until(() -> web.engine().orchestrator().reads().queuedAssetEvents("funnel").size() == 1);
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void the_assets_page_shows_producers_consumers_and_last_events_and_the_dag_page_what_is_missing() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.go("/login");
            browser.login(WebFixture.VIEWER);
            browser.go("/assets");

            browser.waitForText(By.cssSelector("[data-uri='jdbc://analytics/orders'] [data-testid=producers]"), "orders_etl.load");
            WebElement orders = browser.driver().findElement(By.cssSelector("[data-uri='jdbc://analytics/orders']"));
            assertThat(orders.findElement(By.cssSelector("[data-testid=consumers]")).getText()).contains("funnel");
            assertThat(orders.findElements(By.cssSelector("[data-testid=asset-events] li"))).hasSize(2);
            assertThat(orders.getText()).contains("orders_etl.load (manual__2026-03-01T00:00:00Z)").contains("→ ran funnel");
            WebElement clicks = browser.driver().findElement(By.cssSelector("[data-uri='file:///data/clicks/']"));
            assertThat(clicks.getText()).contains("file:///data/clicks/").contains("<b>clicks</b>").contains("external (REST)");
            assertThat(browser.driver().findElements(By.cssSelector("#assets b"))).isEmpty();
            assertThat(browser.driver().findElement(By.cssSelector("nav a[href='/assets']")).getAttribute("aria-current")).isEqualTo("page");
            browser.screenshot("assets-page");

            browser.go("/dags/funnel");
            browser.waitForText(By.cssSelector("[data-testid=dag-assets] [data-uri='jdbc://analytics/orders']"), "updated");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=dag-assets] [data-uri='file:///data/clicks/']"))
                    .getText()).contains("missing");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=asset-condition]")).getText())
                    .contains("Triggered by assets jdbc://analytics/orders & file:///data/clicks/");
            browser.screenshot("dag-waits-for-assets");

            browser.go("/dags/orders_etl");
            browser.waitForText(By.id("dag-head"), "orders_etl");
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                    !browser.driver().findElement(By.id("dag-assets")).isDisplayed());
            browser.assertConsoleClean();
        }
    }
}
