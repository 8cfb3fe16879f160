package org.orchestrator.rules.template;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.orchestrator.api.Connection;
import org.orchestrator.api.Resources;

/**
 * {@code var.value.x}, {@code var.json.x} and {@code conn.x}: maps that look a key up only when a
 * template asks for it (a template must not read every variable), and fail naming the key when it
 * is not there, so strict mode holds for them too.
 */
final class Lookups {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Lookups() {
    }

    static Map<String, Object> var(Resources resources) {
        return Map.of(
                "value", new Lazy("variable", key -> resources.variable(key).map(v -> (Object) v)),
                "json", new Lazy("variable", key -> resources.variable(key).map(Lookups::parse)));
    }

    static Map<String, Object> conn(Resources resources) {
        return new Lazy("connection", key -> Optional.of(fields(resources.connection(key))));
    }

    /** A connection as Airflow's template fields name it. */
    private static Map<String, Object> fields(Connection c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("conn_id", c.id());
        fields.put("conn_type", c.type());
        fields.put("host", c.url());
        fields.put("url", c.url());
        fields.put("login", c.login());
        fields.put("password", c.password());
        fields.put("extra_dejson", c.extra());
        return fields;
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("is not JSON: " + e.getOriginalMessage());
        }
    }

    /** A map whose entries are looked up one key at a time; it lists nothing. */
    private static final class Lazy extends AbstractMap<String, Object> {
        private final String kind;
        private final Function<String, Optional<Object>> lookup;

        Lazy(String kind, Function<String, Optional<Object>> lookup) {
            this.kind = kind;
            this.lookup = lookup;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String;
        }

        @Override
        public Object get(Object key) {
            return lookup.apply((String) key)
                    .orElseThrow(() -> new IllegalArgumentException(kind + " '" + key + "' is not set"));
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }
}
