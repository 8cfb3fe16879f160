package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin pages in Chromium: each one's create, change and delete through its dialogs, each
 * change checked in the audit log (through the API, as an auditor would read it); connections'
 * write-only password and test button, variables' masking, tokens shown once; and a viewer, who
 * sees no Admin menu and gets a 403 page.
 */
class WebAdminBrowserTest {

    private static WebFixture web;

    @BeforeAll
    static void start() {
        Browser.assumeInstalled();
        web = WebFixture.start(WebDags.demo());
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    @Test
    void connections_are_created_tested_changed_and_deleted_with_the_password_write_only() {
        try (Browser browser = adminOn("/admin/connections")) {
            create(browser, Map.of("connection_id", "own_api", "conn_type", "http", "host", "127.0.0.1",
                    "port", Integer.toString(port()), "schema", "health", "password", "s3cret-value"));
            browser.driver().findElement(By.cssSelector("[data-testid=connection-test]")).click();
            browser.waitForText(By.cssSelector("[data-testid=form-outcome]"), "OK: Connection successfully tested (HTTP 200)");
            browser.screenshot("admin-connections-01-tested");
            save(browser);
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "own_api");
            assertAudited("post_connection", "own_api");
            browser.screenshot("admin-connections-02-listed");

            browser.driver().findElement(By.cssSelector("[data-testid='edit-own_api']")).click();
            WebElement password = browser.waitFor(By.cssSelector("[data-testid=field-password]"));
            assertThat(password.getAttribute("value")).as("the password is never sent to the page").isEmpty();
            type(browser, "description", "our own <img src=x id=injected> server");
            save(browser);
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "our own <img src=x id=injected> server");
            assertThat(browser.driver().findElements(By.id("injected"))).as("a description is shown as text").isEmpty();
            assertAudited("patch_connection", "own_api");
            assertThat(web.engine().orchestrator().resources().connections().find("own_api").orElseThrow()
                    .connection().password()).as("an empty password field keeps the stored one").isEqualTo("s3cret-value");

            delete(browser, "own_api");
            assertAudited("delete_connection", "own_api");
            browser.assertConsoleClean();
        }
    }

    @Test
    void variables_are_created_changed_and_deleted_and_secret_ones_shown_masked() {
        try (Browser browser = adminOn("/admin/variables")) {
            create(browser, Map.of("key", "warehouse_password", "value", "hunter2-hunter2"));
            save(browser);
            create(browser, Map.of("key", "region", "value", "eu-west"));
            save(browser);
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "eu-west");
            assertThat(browser.driver().findElement(By.cssSelector("[data-testid=admin]")).getText())
                    .contains("***").doesNotContain("hunter2");
            assertAudited("post_variables", "region");
            browser.screenshot("admin-variables-01-masked");

            browser.driver().findElement(By.cssSelector("[data-testid='edit-warehouse_password']")).click();
            assertThat(browser.waitFor(By.cssSelector("[data-testid=field-value]")).getAttribute("value")).isEmpty();
            type(browser, "description", "read by the load task");
            save(browser);
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "read by the load task");
            assertAudited("patch_variable", "warehouse_password");
            assertThat(web.engine().orchestrator().resources().variables().find("warehouse_password").orElseThrow().value())
                    .as("a masked value left empty keeps the stored one").isEqualTo("hunter2-hunter2");

            delete(browser, "region");
            assertAudited("delete_variable", "region");
            browser.assertConsoleClean();
        }
    }

    @Test
    void pools_are_created_resized_and_deleted_and_show_their_slots_in_use() {
        try (Browser browser = adminOn("/admin/pools")) {
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "default_pool");
            create(browser, Map.of("name", "warehouse", "slots", "3"));
            save(browser);
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "warehouse");
            assertAudited("post_pool", "warehouse");

            browser.driver().findElement(By.cssSelector("[data-testid='edit-warehouse']")).click();
            type(browser, "slots", "5");
            save(browser);
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "0 running · 0 queued · 5 open");
            assertAudited("patch_pool", "warehouse");
            browser.screenshot("admin-pools-01-resized");

            delete(browser, "warehouse");
            assertAudited("delete_pool", "warehouse");
            browser.assertConsoleClean();
        }
    }

    @Test
    void users_are_created_with_a_role_given_another_role_and_deleted() {
        try (Browser browser = adminOn("/admin/users")) {
            create(browser, Map.of("username", "alice", "password", "alice-password-1"));
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.cssSelector("[data-testid=field-role]")))
                    .selectByValue("op");
            save(browser);
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "alice");
            assertThat(web.engine().orchestrator().reads().user("alice").orElseThrow().role()).isEqualTo("op");
            assertAudited("post_user", "alice");
            browser.screenshot("admin-users-01-created");

            browser.driver().findElement(By.cssSelector("[data-testid='edit-alice']")).click();
            assertThat(browser.waitFor(By.cssSelector("[data-testid=form-dialog]")).findElements(By.cssSelector("[data-testid=field-password]")))
                    .as("a role change asks for no password").isEmpty();
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.cssSelector("[data-testid=field-role]")))
                    .selectByValue("viewer");
            save(browser);
            browser.until(d -> "viewer".equals(web.engine().orchestrator().reads().user("alice").orElseThrow().role()));
            assertAudited("patch_user", "viewer");

            delete(browser, "alice");
            assertThat(web.engine().orchestrator().reads().user("alice")).isEmpty();
            assertAudited("delete_user", "alice");
            browser.assertConsoleClean();
        }
    }

    @Test
    void a_token_is_shown_once_works_and_stops_working_when_revoked() {
        try (Browser browser = adminOn("/admin/tokens")) {
            create(browser, Map.of("name", "ci-deploys"));
            save(browser);
            String token = browser.waitFor(By.cssSelector("[data-testid=shown-once]")).getAttribute("value");
            browser.screenshot("admin-tokens-01-shown-once");
            browser.driver().findElement(By.cssSelector("[data-testid=once-dialog] button")).click();
            browser.waitForText(By.cssSelector("[data-testid=admin]"), "ci-deploys");
            assertThat(bearer(token)).isEqualTo(200);
            String id = web.engine().orchestrator().reads().tokens(WebFixture.ADMIN).getFirst().id() + "";
            assertAudited("post_token", id);

            browser.driver().findElement(By.cssSelector("[data-testid='delete-" + id + "']")).click();
            browser.waitFor(By.cssSelector("[data-testid=confirm]")).click();
            browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='delete-" + id + "']")));
            assertThat(bearer(token)).as("a revoked token").isEqualTo(401);
            assertAudited("delete_token", id);
            assertThat(browser.driver().getPageSource()).doesNotContain(token);
            browser.assertConsoleClean();
        }
    }

    @Test
    void a_viewer_sees_no_admin_menu_and_gets_a_403_page() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.VIEWER);
            browser.waitFor(By.cssSelector("[data-testid=menu-browse]"));
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=menu-admin]"))).isEmpty();
            browser.go("/admin/connections");
            browser.waitForText(By.cssSelector("[data-testid=forbidden]"), "Not allowed");
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=create]"))).isEmpty();
            browser.screenshot("admin-viewer-403");
        }
        WebClient viewer = new WebClient(web.baseUrl());
        viewer.login(WebFixture.VIEWER, WebFixture.password(WebFixture.VIEWER), "/dags");
        for (String page : new String[] {"connections", "variables", "pools", "users", "tokens"}) {
            WebClient.Response answer = viewer.get("/admin/" + page);
            assertThat(answer.status()).as(page).isEqualTo(403);
            assertThat(answer.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        }
        assertThat(viewer.get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void an_admin_sees_the_admin_menu_with_every_page() {
        try (Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP)) {
            browser.login(WebFixture.ADMIN);
            browser.waitFor(By.cssSelector("[data-testid=menu-admin] summary")).click();
            browser.waitFor(By.cssSelector("[data-testid=menu-admin] a[href='/admin/users']")).click();
            browser.waitForText(By.cssSelector("[data-testid=admin]"), WebFixture.VIEWER);
            assertThat(browser.driver().findElements(By.cssSelector("[data-testid=menu-admin] a"))).hasSize(5);
        }
    }

    private static Browser adminOn(String path) {
        Browser browser = Browser.open(web.baseUrl(), Browser.DESKTOP);
        browser.login(WebFixture.ADMIN);
        browser.go(path);
        browser.waitFor(By.cssSelector("[data-testid=create]"));
        browser.until(d -> !d.findElements(By.cssSelector("[data-testid=admin], [data-testid=admin-empty]")).isEmpty());
        return browser;
    }

    private static void create(Browser browser, Map<String, String> fields) {
        browser.driver().findElement(By.cssSelector("[data-testid=create]")).click();
        browser.waitFor(By.cssSelector("[data-testid=form-dialog]"));
        fields.forEach((name, value) -> type(browser, name, value));
    }

    private static void type(Browser browser, String field, String value) {
        WebElement input = browser.driver().findElement(By.cssSelector("[data-testid=field-" + field + "]"));
        input.clear();
        input.sendKeys(value);
    }

    private static void save(Browser browser) {
        browser.driver().findElement(By.cssSelector("[data-testid=form-save]")).click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid=form-dialog]")));
    }

    private static void delete(Browser browser, String id) {
        By button = By.cssSelector("[data-testid='delete-" + id + "']");
        browser.driver().findElement(button).click();
        browser.waitFor(By.cssSelector("[data-testid=confirm]")).click();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(button));
    }

    /** Fails unless the audit log has an {@code api.<event>} row, by the admin, whose details name {@code subject}. */
    private static void assertAudited(String event, String subject) {
        JsonNode rows = new WebClient(web.baseUrl()).basic("GET", "/api/v1/eventLogs?event=api." + event, null,
                WebFixture.ADMIN, WebFixture.password(WebFixture.ADMIN)).json().get("event_logs");
        assertThat(rows).as(event).anySatisfy(row -> {
            assertThat(row.get("owner").asText()).isEqualTo(WebFixture.ADMIN);
            assertThat(row.get("extra").asText()).contains(subject);
        });
    }

    private static int bearer(String token) {
        return new WebClient(web.baseUrl()).send("GET", "/api/v1/dags", "", Map.of("Authorization", "Bearer " + token)).status();
    }

    private static int port() {
        return Integer.parseInt(web.baseUrl().substring(web.baseUrl().lastIndexOf(':') + 1));
    }
}
