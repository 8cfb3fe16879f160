package org.orchestrator.server.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.Connection;

class SecretMaskerTest {

    @Test
    void passwords_and_secret_extras_are_masked_but_ordinary_extras_are_not() {
        SecretMasker masker = new SecretMasker();
        masker.add(new Connection("api", "http", "https://x", "etl", "pa55word",
                Map.of("api_key", "k-123456", "region", "eu-west-1")));

        assertThat(masker.apply("login etl with pa55word and k-123456 in eu-west-1"))
                .isEqualTo("login etl with *** and *** in eu-west-1");
    }

    @Test
    void variables_are_secret_when_their_key_says_so_as_airflow_decides() {
        assertThat(SecretMasker.isSensitive("slack_token")).isTrue();
        assertThat(SecretMasker.isSensitive("DB_PASSWORD")).isTrue();
        assertThat(SecretMasker.isSensitive("my_apikey")).isTrue();
        assertThat(SecretMasker.isSensitive("Authorization")).isTrue();
        assertThat(SecretMasker.isSensitive("private_key_pem")).isTrue();
        assertThat(SecretMasker.isSensitive("region")).isFalse();
        SecretMasker masker = new SecretMasker();
        masker.addVariable("region", "eu-west-1");
        masker.addVariable("slack_token", "xoxb-1234");

        assertThat(masker.apply("eu-west-1 xoxb-1234")).isEqualTo("eu-west-1 ***");
    }

    @Test
    void a_secret_containing_another_is_masked_whole_and_short_values_are_left_alone() {
        SecretMasker masker = new SecretMasker();
        masker.add("abcd");
        masker.add("abcdefgh");
        masker.add("abc");

        assertThat(masker.apply("x abcdefgh y abcd z abc")).isEqualTo("x *** y *** z abc");
        assertThat(masker.size()).isEqualTo(2);
    }

    @Test
    void secrets_inside_json_strings_are_masked_even_where_json_escapes_them_and_the_json_stays_valid() {
        SecretMasker masker = new SecretMasker();
        masker.add("pa\"ss-wo\\rd");

        String masked = masker.applyToJson("{\"pa\\\"ss-wo\\\\rd\": [\"x pa\\\"ss-wo\\\\rd y\", 42, null, {\"k\": \"pa\\\"ss-wo\\\\rd\"}]}");

        assertThat(masked).isEqualTo("{\"***\":[\"x *** y\",42,null,{\"k\":\"***\"}]}");
        assertThat(new SecretMasker().applyToJson("{\"a\": 1}")).isEqualTo("{\"a\": 1}");
    }
}
