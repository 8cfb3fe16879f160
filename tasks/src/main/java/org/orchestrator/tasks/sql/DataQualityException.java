package org.orchestrator.tasks.sql;

import java.util.List;
import org.orchestrator.api.OrchestratorException;

/**
 * A {@link SqlCheck} found broken rules; the try fails with this. The message lists each one:
 *
 * <pre>{@code
 * data-quality check on 'analytics' failed: 2 of 4 rule(s) broken
 *  - row count of loans: 12, expected at least 1000
 *  - NULLs in loans.country: 3, expected 0
 * }</pre>
 */
public class DataQualityException extends OrchestratorException {

    /** Why each broken rule is broken. */
    private final List<String> breaches;

    /**
     * Creates the exception from the rules a check found broken.
     *
     * @param connId the connection the check ran on
     * @param rules how many rules were checked
     * @param breaches why each broken rule is broken
     */
    public DataQualityException(String connId, int rules, List<String> breaches) {
        super("data-quality check on '" + connId + "' failed: " + breaches.size() + " of " + rules + " rule(s) broken\n - "
                + String.join("\n - ", breaches));
        this.breaches = List.copyOf(breaches);
    }

    /** {@return one line per broken rule} */
    public List<String> breaches() {
        return breaches;
    }
}
