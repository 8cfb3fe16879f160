package org.orchestrator.rules.template;

import org.orchestrator.api.OrchestratorException;

/** A template that does not render: a syntax error or, in strict mode, an unknown name. */
public final class TemplateException extends OrchestratorException {

    /**
     * @param template the templated field's name (e.g. {@code sql}, {@code command})
     * @param line     the line of the template the error is on, from 1 (0 when unknown)
     * @param message  what is wrong
     */
    public TemplateException(String template, int line, String message) {
        super("template '" + template + "' line " + line + ": " + message);
    }
}
