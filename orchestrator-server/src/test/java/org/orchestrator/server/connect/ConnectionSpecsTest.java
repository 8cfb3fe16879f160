package org.orchestrator.server.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;

class ConnectionSpecsTest {

    @Test
    void an_http_uri_splits_into_url_login_password_and_extras() {
        Connection c = ConnectionSpecs.parse("api", "https://etl%40corp:p%40ss%2Fword@api.example.com:8443/v1?token=t0k3n&region=eu");

        assertThat(c.type()).isEqualTo("http");
        assertThat(c.url()).isEqualTo("https://api.example.com:8443/v1");
        assertThat(c.login()).isEqualTo("etl@corp");
        assertThat(c.password()).isEqualTo("p@ss/word");
        assertThat(c.extra()).isEqualTo(Map.of("token", "t0k3n", "region", "eu"));
    }

    @Test
    void a_postgresql_uri_becomes_a_jdbc_url_keeping_its_options() {
        Connection c = ConnectionSpecs.parse("warehouse", "postgresql://etl:pw@db.internal:5432/analytics?sslmode=require");

        assertThat(c.type()).isEqualTo("jdbc");
        assertThat(c.url()).isEqualTo("jdbc:postgresql://db.internal:5432/analytics?sslmode=require");
        assertThat(c.login()).isEqualTo("etl");
        assertThat(c.password()).isEqualTo("pw");
        assertThat(ConnectionSpecs.parse("w", "postgres://db/x").url()).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void a_jdbc_url_is_taken_as_it_is() {
        Connection c = ConnectionSpecs.parse("local", "jdbc:h2:/tmp/analytics;MODE=PostgreSQL");

        assertThat(c.type()).isEqualTo("jdbc");
        assertThat(c.url()).isEqualTo("jdbc:h2:/tmp/analytics;MODE=PostgreSQL");
        assertThat(c.login()).isEmpty();
    }

    @Test
    void an_smtp_uri_keeps_host_and_port() {
        Connection c = ConnectionSpecs.parse("mail", "smtp://alerts:mailpw@localhost:3025?from=etl%40example.com");

        assertThat(c.type()).isEqualTo("smtp");
        assertThat(c.url()).isEqualTo("smtp://localhost:3025");
        assertThat(c.extra()).containsEntry("from", "etl@example.com");
    }

    @Test
    void airflows_json_form_is_read_with_host_port_and_schema_or_a_url() {
        Connection parts = ConnectionSpecs.parse("db", """
                {"conn_type": "postgres", "host": "db", "port": 5432, "schema": "sales", "login": "u", "password": "p",
                 "extra": {"sslmode": "require", "retries": 3}}""");
        Connection url = ConnectionSpecs.parse("hook", """
                {"conn_type": "webhook", "url": "https://hooks.example.com/T0/B0", "extra": "{\\"token\\": \\"xyz\\"}"}""");

        assertThat(parts.url()).isEqualTo("jdbc:postgresql://db:5432/sales");
        assertThat(parts.type()).isEqualTo("jdbc");
        assertThat(parts.extra()).isEqualTo(Map.of("sslmode", "require", "retries", "3"));
        assertThat(url.url()).isEqualTo("https://hooks.example.com/T0/B0");
        assertThat(url.type()).isEqualTo("webhook");
        assertThat(url.extra()).containsEntry("token", "xyz");
    }

    @Test
    void malformed_definitions_name_the_connection_and_never_echo_the_password() {
        assertThatThrownBy(() -> ConnectionSpecs.parse("broken", "no-scheme-here"))
                .isInstanceOf(OrchestratorException.class).hasMessageContaining("'broken'");
        assertThatThrownBy(() -> ConnectionSpecs.parse("broken", "{\"host\": \"x\"}"))
                .isInstanceOf(OrchestratorException.class).hasMessageContaining("conn_type");
        assertThatThrownBy(() -> ConnectionSpecs.parse("broken", "{not json"))
                .isInstanceOf(OrchestratorException.class).hasMessageContaining("'broken'");
        assertThatThrownBy(() -> ConnectionSpecs.parse("broken", "http://u:s3cr3t-pw@host:99999999999/"))
                .isInstanceOf(OrchestratorException.class).hasMessageNotContaining("s3cr3t-pw");
        assertThatThrownBy(() -> ConnectionSpecs.parse("broken", "http://u:%zz@host/"))
                .isInstanceOf(OrchestratorException.class).hasMessageContaining("'broken'");
    }

    @Test
    void a_password_inside_a_jdbc_url_moves_to_the_password_field_in_every_form() {
        Connection query = ConnectionSpecs.parse("pg", "jdbc:postgresql://db:5432/x?user=etl&password=q-Secret&sslmode=require");
        Connection property = ConnectionSpecs.parse("h2", "jdbc:h2:/data/x;MODE=PostgreSQL;USER=sa;PASSWORD=p-Secret");
        Connection userInfo = ConnectionSpecs.parse("my", "jdbc:mysql://etl:u%40Secret@db:3306/x");
        Connection uri = ConnectionSpecs.parse("pg2", "postgresql://db:5432/x?password=uri-Secret&user=etl");

        assertThat(query).extracting(Connection::url, Connection::login, Connection::password)
                .containsExactly("jdbc:postgresql://db:5432/x?sslmode=require", "etl", "q-Secret");
        assertThat(property).extracting(Connection::url, Connection::login, Connection::password)
                .containsExactly("jdbc:h2:/data/x;MODE=PostgreSQL", "sa", "p-Secret");
        assertThat(userInfo).extracting(Connection::url, Connection::login, Connection::password)
                .containsExactly("jdbc:mysql://db:3306/x", "etl", "u@Secret");
        assertThat(uri).extracting(Connection::url, Connection::login, Connection::password)
                .containsExactly("jdbc:postgresql://db:5432/x", "etl", "uri-Secret");
    }

    @Test
    void a_url_given_as_a_url_field_is_refused_when_it_holds_a_password_whatever_its_scheme() {
        for (String url : new String[] {"https://bot:pw@api.example.com", "jdbc:postgresql://db/x?password=pw",
                "jdbc:h2:/data/x;PASSWORD=pw", "jdbc:mysql://etl:pw@db/x", "jdbc:sqlserver://db;user=u;Password=pw"}) {
            assertThatThrownBy(() -> ConnectionSpecs.withoutCredentials("c", url)).as(url)
                    .isInstanceOf(OrchestratorException.class).hasMessageContaining("holds a password")
                    .hasMessageContaining("give it as the password").hasMessageNotContaining("pw@").hasMessageNotContaining("=pw");
        }
        assertThat(ConnectionSpecs.withoutCredentials("c", "jdbc:postgresql://db/x?user=etl&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db/x?user=etl&sslmode=require");
    }

    @Test
    void a_url_stored_with_a_password_before_is_shown_with_the_password_masked() {
        assertThat(UrlCredentials.masked("jdbc:postgresql://db/x?user=etl&password=old-Secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=etl&password=***&ssl=true");
        assertThat(UrlCredentials.masked("jdbc:h2:/data/x;PASSWORD=old-Secret")).isEqualTo("jdbc:h2:/data/x;PASSWORD=***");
        assertThat(UrlCredentials.masked("jdbc:mysql://etl:old-Secret@db/x")).isEqualTo("jdbc:mysql://etl:***@db/x");
        assertThat(UrlCredentials.masked("https://api.example.com/v1?token=t")).isEqualTo("https://api.example.com/v1?token=t");
    }
}
