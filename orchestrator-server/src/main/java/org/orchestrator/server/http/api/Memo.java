package org.orchestrator.server.http.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers results of pure computations (cron descriptions, next intervals), so listing a
 * thousand DAGs does not parse a thousand cron expressions. Keys must be plain values (strings,
 * instants), never a loaded DAG, so that nothing here keeps an old bundle's class loader alive.
 * Bounded: past {@code max} entries it starts over; results are quick to recompute.
 *
 * @param <K> the key
 * @param <V> the result; null results are not remembered
 */
final class Memo<K, V> {

    private final Map<K, V> values = new ConcurrentHashMap<>();
    private final int max;

    Memo(int max) {
        this.max = max;
    }

    /** @param key what the result depends on @param compute computes it @return the result */
    V get(K key, Supplier<V> compute) {
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        V value = compute.get();
        if (value != null) {
            if (values.size() >= max) {
                values.clear();
            }
            values.put(key, value);
        }
        return value;
    }
}
