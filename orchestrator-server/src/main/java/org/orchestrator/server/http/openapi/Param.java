package org.orchestrator.server.http.openapi;

import java.util.List;

/**
 * A query parameter as documented.
 *
 * @param name  its name
 * @param type  {@code string}, {@code integer}, {@code number}, {@code boolean}, {@code date-time} or {@code array}
 */
public record Param(String name, String type) {

    /** Paging and ordering, on every list. */
    public static final List<Param> PAGE = List.of(new Param("limit", "integer"), new Param("offset", "integer"),
            new Param("order_by", "string"));

    /** @param spec {@code name:type} pairs @return the parameters */
    public static List<Param> of(String... spec) {
        return java.util.Arrays.stream(spec).map(s -> new Param(s.substring(0, s.indexOf(':')), s.substring(s.indexOf(':') + 1)))
                .toList();
    }

    /** @param lists parameter lists @return them joined */
    @SafeVarargs
    public static List<Param> join(List<Param>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
