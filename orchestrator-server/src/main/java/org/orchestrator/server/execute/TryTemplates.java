package org.orchestrator.server.execute;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.orchestrator.api.TaskContext;
import org.orchestrator.rules.template.Templates;
import org.orchestrator.server.internal.Json;
import org.orchestrator.server.state.RenderedFields;
import org.orchestrator.server.state.Transactions;

/**
 * Renders a try's declared templated fields before the task runs and records them, masked, as the
 * try's rendered fields. Rendering first means a template error fails the try before the task did
 * anything, and the record shows what the try was about to run even when it then fails.
 */
final class TryTemplates {

    private static final RenderedFields RENDERED = new RenderedFields();

    private final Transactions db;
    private final UnaryOperator<String> mask;

    TryTemplates(Transactions db, UnaryOperator<String> mask) {
        this.db = db;
        this.mask = mask;
    }

    /** @throws org.orchestrator.rules.template.TemplateException when a field does not render */
    void renderAndRecord(ClaimedTry claimed, TaskContext ctx) {
        Map<String, String> templates = claimed.task().task().templateFields();
        if (templates.isEmpty()) {
            return;
        }
        // Rendering looks up the connections and variables it names, so the masker knows their
        // secrets by the time the values are masked.
        Map<String, String> masked = new LinkedHashMap<>();
        Templates.renderAll(templates, ctx, claimed.dag().dag()).forEach((field, value) -> masked.put(field, mask.apply(value)));
        db.useTransaction(tx -> RENDERED.record(tx, claimed.ti().id(), claimed.ti().tryNumber(), Json.write(masked)));
    }
}
