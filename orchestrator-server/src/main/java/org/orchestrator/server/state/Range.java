package org.orchestrator.server.state;

import java.util.Optional;

/**
 * Inclusive bounds of one filter ({@code start_date_gte} / {@code start_date_lte}); either may be
 * absent.
 *
 * @param from lower bound
 * @param to   upper bound
 * @param <T>  instants or numbers
 */
public record Range<T>(Optional<T> from, Optional<T> to) {

    /** @param <T> the bound type @return no bounds */
    public static <T> Range<T> any() {
        return new Range<>(Optional.empty(), Optional.empty());
    }
}
