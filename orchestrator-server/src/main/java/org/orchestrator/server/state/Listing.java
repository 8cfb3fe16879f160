package org.orchestrator.server.state;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and how many items the whole filtered list holds (Airflow's
 * {@code total_entries}).
 *
 * @param items        the page
 * @param totalEntries items matching the filters, before paging
 * @param <T>          the item type
 */
public record Listing<T>(List<T> items, long totalEntries) {

    /** @param mapper turns an item into its API view @param <R> the view type @return the mapped page */
    public <R> Listing<R> map(Function<T, R> mapper) {
        return new Listing<>(items.stream().map(mapper).toList(), totalEntries);
    }
}
