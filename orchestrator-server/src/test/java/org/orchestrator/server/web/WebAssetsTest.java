package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's files come from the ui jar, with ETags, and nothing else on the class path is reachable. */
class WebAssetsTest {

    private static WebFixture web;

    @BeforeAll
    static void start() {
        web = WebFixture.start();
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void scripts_are_served_as_javascript_and_revalidated_by_etag() {
        WebClient client = new WebClient(web.baseUrl());

        WebClient.Response first = client.get("/static/js/api.js");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(first.header("Cache-Control")).hasValue("no-cache");
        String etag = first.header("ETag").orElseThrow();
        WebClient.Response again = client.send("GET", "/static/js/api.js", "", Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void the_vendored_layout_library_ships_with_its_licences() {
        WebClient client = new WebClient(web.baseUrl());

        assertThat(client.get("/static/vendor/dagre/dagre.min.js").status()).isEqualTo(200);
        assertThat(client.get("/static/vendor/dagre/LICENSE-dagre.txt").body()).contains("Permission is hereby granted");
        assertThat(client.get("/static/vendor/dagre/LICENSE-graphlib.txt").body()).contains("Permission is hereby granted");
    }

    @Test
    void the_vendored_highlighter_ships_with_its_licence_as_javascript_modules() {
        WebClient client = new WebClient(web.baseUrl());

        for (String file : new String[] {"core.min.js", "java.min.js"}) {
            WebClient.Response js = client.get("/static/vendor/highlight/" + file);
            assertThat(js.status()).as(file).isEqualTo(200);
            assertThat(js.header("Content-Type").orElseThrow()).as(file).contains("javascript");
            assertThat(js.body()).as(file).containsPattern("export ?(default|\\{te as default\\})");
        }
        assertThat(client.get("/static/vendor/highlight/github-dark.min.css").status()).isEqualTo(200);
        assertThat(client.get("/static/vendor/highlight/LICENSE-highlight.js.txt").body()).contains("BSD 3-Clause License");
    }

    @Test
    void names_outside_the_dashboard_files_are_not_found() {
        WebClient client = new WebClient(web.baseUrl());

        for (String name : new String[] {"js/missing.js", ".hidden.js", "js/.x.js", "logback.xml",
                "org/orchestrator/server/version.properties", "js//api.js", "js/api.js.map"}) {
            assertThat(client.get("/static/" + name).status()).as(name).isEqualTo(404);
        }
        for (String name : new String[] {"../logback.xml", "%2e%2e/logback.xml", "js/%2e%2e/%2e%2e/logback.xml"}) {
            assertThat(client.get("/static/" + name).status()).as(name).isIn(400, 404);
        }
    }

    @Test
    void the_login_page_needs_no_session_and_the_root_goes_to_the_dag_list() {
        WebClient client = new WebClient(web.baseUrl());

        WebClient.Response login = client.get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("<form method=\"post\" action=\"/login\"");
        assertThat(client.get("/").header("Location")).hasValue("/dags");
    }
}
