package org.orchestrator.server.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.orchestrator.api.Connection;
import org.orchestrator.server.internal.Json;

/**
 * Replaces known secret values with {@code ***} in text bound for a task log (and in XCom
 * values the API serves). It learns a secret
 * when a connection or variable holding one is looked up (and, at start, every secret defined in
 * the environment), and from then on masks it in every try's log of this process, as Airflow's
 * masker does. A secret shorter than {@value #MIN_LENGTH} characters is not masked: it would
 * blank out ordinary words.
 *
 * <p>Masking a line costs one {@code indexOf} per known secret, so a few hundred secrets stay cheap.
 */
public final class SecretMasker implements UnaryOperator<String> {

    /** What a secret is replaced with. */
    public static final String MASK = "***";
    /** Shorter secrets are left alone. */
    public static final int MIN_LENGTH = 4;

    /** Airflow's sensitive field names: a key containing one of these holds a secret. */
    private static final List<String> SENSITIVE = List.of("access_token", "api_key", "apikey", "authorization",
            "passphrase", "passwd", "password", "private_key", "secret", "token", "keyfile_dict", "service_account");

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Longest first, so a secret that contains another is masked whole. */
    private volatile List<String> ordered = List.of();

    /** @param key a variable key or an extra's name @return true when its value is a secret */
    public static boolean isSensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SENSITIVE.stream().anyMatch(lower::contains);
    }

    /** @param secret a value to mask from now on; null, blank and short values are ignored */
    public void add(String secret) {
        if (secret != null && secret.strip().length() >= MIN_LENGTH && known.add(secret)) {
            List<String> next = new ArrayList<>(known);
            next.sort(Comparator.comparingInt(String::length).reversed());
            ordered = List.copyOf(next);
        }
    }

    /** Learns a connection's password and its secret extras. */
    public void add(Connection connection) {
        add(connection.password());
        secretExtras(connection.extra()).forEach(this::add);
    }

    /** Learns a variable's value when its key says it is a secret. */
    public void addVariable(String key, String value) {
        if (isSensitive(key)) {
            add(value);
        }
    }

    /** @param extra a connection's extras @return the values whose names say they are secrets */
    public static List<String> secretExtras(Map<String, String> extra) {
        return extra.entrySet().stream().filter(e -> isSensitive(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /** @param text a log line or more @return the text with every known secret replaced by {@code ***} */
    @Override
    public String apply(String text) {
        List<String> secrets = ordered;
        if (secrets.isEmpty() || text == null) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /**
     * Masks the strings (values and keys) inside a JSON value, e.g. an XCom a task pushed after
     * looking a secret up: the JSON stays valid, and a secret that JSON escapes (quotes,
     * backslashes) is still found.
     *
     * @param json a JSON value as text
     * @return it with every known secret in its strings replaced by {@code ***}
     */
    public String applyToJson(String json) {
        if (ordered.isEmpty() || json == null) {
            return json;
        }
        try {
            return Json.MAPPER.writeValueAsString(masked(Json.MAPPER.readTree(json)));
        } catch (JsonProcessingException e) {
            return apply(json);
        }
    }

    private JsonNode masked(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(apply(node.asText()));
        }
        if (node.isArray()) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(item -> out.add(masked(item)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            node.fields().forEachRemaining(field -> out.set(apply(field.getKey()), masked(field.getValue())));
            return out;
        }
        return node;
    }

    /** @return how many secrets are known */
    public int size() {
        return known.size();
    }
}
