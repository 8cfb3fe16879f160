package org.orchestrator.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import org.junit.jupiter.api.Test;

/** The schema check the OpenAPI test relies on does reject what does not match. */
class SchemaCheckTest {

    private static final String DOC = """
            {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
             "components": {"schemas": {
               "Item": {"type": "object", "required": ["a", "t"], "properties": {
                 "a": {"type": "integer"},
                 "t": {"type": "string", "format": "date-time", "nullable": true},
                 "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}}},
               "Tag": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}}
            """;

    private final OpenAPI api = new OpenAPIV3Parser().readContents(DOC).getOpenAPI();
    private final Schema<?> item = new Schema<>().$ref("#/components/schemas/Item");

    @Test
    void a_matching_value_passes() {
        assertThat(check("{\"a\": 1, \"t\": null, \"tags\": [{\"name\": \"x\"}]}")).isEmpty();
        assertThat(check("{\"a\": 1, \"t\": \"2026-01-01T00:00:00Z\"}")).isEmpty();
    }

    @Test
    void wrong_types_missing_and_unknown_properties_and_bad_dates_fail() {
        assertThat(check("{\"a\": \"one\", \"t\": null}")).containsExactly("$.a: expected an integer, got \"one\"");
        assertThat(check("{\"t\": null, \"b\": 1}")).containsExactlyInAnyOrder("$: missing a", "$: undocumented property b");
        assertThat(check("{\"a\": 1, \"t\": \"noon\"}")).containsExactly("$.t: not a date-time: noon");
        assertThat(check("{\"a\": null, \"t\": null}")).containsExactly("$.a: null but not nullable");
        assertThat(check("{\"a\": 1, \"t\": null, \"tags\": [{\"name\": 5}]}")).containsExactly("$.tags[0].name: expected a string, got 5");
    }

    private java.util.List<String> check(String json) {
        try {
            JsonNode node = ApiClient.JSON.readTree(json);
            return SchemaCheck.check(api, node, item);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
