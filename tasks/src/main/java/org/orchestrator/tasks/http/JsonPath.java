package org.orchestrator.tasks.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orchestrator.api.OrchestratorException;

/**
 * A small subset of JSONPath: {@code $}, dotted fields and array indexes, e.g.
 * {@code $.data.items[0].id} (the leading {@code $.} may be left out). Enough to pick one value
 * out of an API's answer; no wildcards or filters.
 *
 * <pre>{@code
 * Object id = JsonPath.of("$.items[0].id").read("{\"items\":[{\"id\":7}]}").orElseThrow();   // 7
 * }</pre>
 */
public final class JsonPath {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private final String expression;
    private final List<Object> steps;

    private JsonPath(String expression, List<Object> steps) {
        this.expression = expression;
        this.steps = List.copyOf(steps);
    }

    /**
     * {@return the path}
     *
     * @param expression e.g. {@code $.a.b[0]}
     * @throws IllegalArgumentException when the expression is outside the subset
     */
    public static JsonPath of(String expression) {
        String rest = expression.strip();
        rest = rest.startsWith("$") ? rest.substring(1) : rest;
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (rest.charAt(at) == '.') {
                at++;
                continue;
            }
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("unsupported JSON path '" + expression + "' at position " + at
                        + ": use $.field.other[0]");
            }
            steps.add(m.group(1) != null ? m.group(1) : Integer.valueOf(m.group(2)));
            at = m.end();
        }
        return new JsonPath(expression, steps);
    }

    /**
     * {@return the value at the path as plain Java (Map, List, String, Number, Boolean), or empty when the path leads nowhere or to JSON null}
     *
     * @param json a JSON document
     * @throws OrchestratorException when the text is not JSON
     */
    public Optional<Object> read(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OrchestratorException("response is not JSON, cannot read " + expression + ": " + e.getOriginalMessage(), e);
        }
        for (Object step : steps) {
            node = step instanceof Integer i ? node.path(i) : node.path((String) step);
        }
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        return Optional.of(MAPPER.convertValue(node, Object.class));
    }

    @Override
    public String toString() {
        return expression;
    }
}
