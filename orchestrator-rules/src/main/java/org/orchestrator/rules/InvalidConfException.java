package org.orchestrator.rules;

import java.util.List;
import org.orchestrator.api.OrchestratorException;

/**
 * A trigger's conf breaks the DAG's params: nothing was created. Carries every field error, so
 * the REST API can list them all in one 400 and a form can mark each field.
 */
public final class InvalidConfException extends OrchestratorException {

    private final transient List<ParamCheck.FieldError> errors;

    InvalidConfException(String dagId, List<ParamCheck.FieldError> errors) {
        super("conf does not fit the params of dag '" + dagId + "': " + ParamCheck.describe(errors));
        this.errors = List.copyOf(errors);
    }

    /** @return each field's problem, in the params' order */
    public List<ParamCheck.FieldError> errors() {
        return errors;
    }
}
