package org.orchestrator.server.http.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the results of a pure function (cron descriptions, next intervals), so listing a
 * thousand DAGs does not parse a thousand cron expressions. Bounded: past {@code max} entries it
 * starts over, which is cheap because the keys are few and the results quick to recompute.
 *
 * @param <K> the key
 * @param <V> the result; null results are not remembered
 */
final class Memo<K, V> {

    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final Function<K, V> function;
    private final int max;

    Memo(Function<K, V> function, int max) {
        this.function = function;
        this.max = max;
    }

    V get(K key) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V value = function.apply(key);
        if (value != null) {
            if (values.size() >= max) {
                values.clear();
            }
            values.put(key, value);
        }
        return value;
    }
}
