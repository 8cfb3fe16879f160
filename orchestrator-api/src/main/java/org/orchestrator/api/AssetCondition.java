package org.orchestrator.api;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When an asset-scheduled DAG runs: an {@link Asset} (it was updated), all of several conditions,
 * or any of them, nested freely as in Airflow 2.9+ ({@code a & (b | c)}). Made with
 * {@link Schedule#all} and {@link Schedule#any}.
 *
 * <pre>{@code
 * Schedule.onAssets(orders, Schedule.any(clicks, Schedule.all(users, sessions)))
 * }</pre>
 */
public sealed interface AssetCondition permits Asset, AssetCondition.All, AssetCondition.Any {

    /**
     * {@return true when the condition holds, given the assets updated since the DAG's last asset-triggered run}
     *
     * @param updatedUris URIs of the assets with an event since then
     */
    boolean isSatisfiedBy(Set<String> updatedUris);

    /** {@return every asset the condition names, in the order written} */
    Set<Asset> assets();

    /** {@return the condition as Airflow writes it, e.g. {@code a & (b | c)}} */
    String describe();

    /**
     * Every one of the conditions holds.
     *
     * @param conditions at least one condition
     */
    record All(List<AssetCondition> conditions) implements AssetCondition {

        /**
         * Checks there is something to wait for.
         *
         * @param conditions at least one condition
         */
        public All {
            conditions = nonEmpty(conditions, "all");
        }

        @Override
        public boolean isSatisfiedBy(Set<String> updatedUris) {
            return conditions.stream().allMatch(c -> c.isSatisfiedBy(updatedUris));
        }

        @Override
        public Set<Asset> assets() {
            return union(conditions);
        }

        @Override
        public String describe() {
            return join(conditions, " & ");
        }
    }

    /**
     * At least one of the conditions holds.
     *
     * @param conditions at least one condition
     */
    record Any(List<AssetCondition> conditions) implements AssetCondition {

        /**
         * Checks there is something to wait for.
         *
         * @param conditions at least one condition
         */
        public Any {
            conditions = nonEmpty(conditions, "any");
        }

        @Override
        public boolean isSatisfiedBy(Set<String> updatedUris) {
            return conditions.stream().anyMatch(c -> c.isSatisfiedBy(updatedUris));
        }

        @Override
        public Set<Asset> assets() {
            return union(conditions);
        }

        @Override
        public String describe() {
            return join(conditions, " | ");
        }
    }

    private static List<AssetCondition> nonEmpty(List<AssetCondition> conditions, String what) {
        if (conditions == null || conditions.isEmpty() || conditions.contains(null)) {
            throw new DagDefinitionException(what + "(...) of assets needs at least one asset or condition, and no null");
        }
        return List.copyOf(conditions);
    }

    private static Set<Asset> union(List<AssetCondition> conditions) {
        Set<Asset> all = new LinkedHashSet<>();
        conditions.forEach(c -> all.addAll(c.assets()));
        return Collections.unmodifiableSet(all);
    }

    private static String join(List<AssetCondition> conditions, String operator) {
        return conditions.stream().map(c -> c instanceof Asset ? c.describe() : "(" + c.describe() + ")")
                .collect(Collectors.joining(operator));
    }

}
