package org.orchestrator.server.http;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Typed named values a list filter is read from: query parameters for {@code GET} lists, a JSON
 * body for Airflow's {@code POST …/list} batch forms.
 */
public interface Inputs {

    /** @param name a parameter or field @return its values; empty when absent */
    List<String> list(String name);

    /** @param name a parameter or field @return its date-time, if given */
    Optional<Instant> instant(String name);

    /** @param name a parameter or field @return its number, if given */
    Optional<Double> number(String name);

    /** @param name a parameter or field @return its text, if given */
    Optional<String> string(String name);
}
