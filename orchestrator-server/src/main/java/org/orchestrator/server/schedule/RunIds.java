package org.orchestrator.server.schedule;

import java.util.regex.Pattern;
import org.orchestrator.api.OrchestratorException;

/**
 * The run ids a trigger may choose, as Airflow's default {@code allowed_run_id_pattern} allows:
 * one rule for the REST API, the CLI and every other caller of {@link RunCreator#trigger}.
 */
public final class RunIds {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.~:+-]{1,250}");

    private RunIds() {
    }

    /**
     * @param runId a run id a caller chose
     * @return it, when allowed
     * @throws InvalidRunIdException saying what is allowed, when it is not
     */
    public static String check(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new InvalidRunIdException("a run id must be 1-250 letters, digits or _ . ~ : + -, got " + quote(runId));
        }
        return runId;
    }

    private static String quote(String runId) {
        if (runId == null) {
            return "none";
        }
        return "'" + (runId.length() > 100 ? runId.substring(0, 100) + "…" : runId) + "'";
    }

    /** A run id outside the allowed pattern (HTTP 400). */
    public static final class InvalidRunIdException extends OrchestratorException {

        /** @param message what is allowed and what was given */
        InvalidRunIdException(String message) {
            super(message);
        }
    }
}
