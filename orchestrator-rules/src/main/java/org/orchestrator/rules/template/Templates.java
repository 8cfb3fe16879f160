package org.orchestrator.rules.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.util.LinkedHashMap;
import java.util.Map;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagDefinitionException;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskDefinition;
import org.orchestrator.api.TaskContext;

/**
 * Renders Jinja templates (HubSpot's Jinjava) against a try's context, the same way on the server
 * and in {@code DagTester}. Strict: an unknown name or a syntax error is a {@link TemplateException}
 * naming the template, the line and the message, never an empty string in a SQL statement.
 *
 * <pre>{@code
 * String sql = Templates.render("sql", "DELETE FROM orders WHERE day = '{{ ds }}'", ctx);
 * }</pre>
 */
public final class Templates {

    private static final Jinjava JINJAVA = newEngine();

    private Templates() {
    }

    /**
     * {@return the rendered text}
     *
     * @param name     the templated field, named in errors
     * @param template the template
     * @param ctx      the try's context
     * @throws TemplateException when it does not render
     */
    public static String render(String name, String template, TaskContext ctx) {
        if (!Task.isTemplate(template)) { // any other text renders to itself
            return template;
        }
        RenderResult result;
        try {
            result = JINJAVA.renderForResult(template, TemplateContext.of(ctx));
        } catch (RuntimeException e) {
            throw new TemplateException(name, 0, rootMessage(e));
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateException(name, error.getLineno(), error.getMessage());
            }
        }
        return result.getOutput();
    }

    /**
     * {@return each field rendered, in the given order}
     *
     * @param fields templates by field name
     * @param ctx    the try's context
     * @throws TemplateException for the first field that does not render
     */
    public static Map<String, String> renderAll(Map<String, String> fields, TaskContext ctx) {
        Map<String, String> rendered = new LinkedHashMap<>();
        fields.forEach((name, template) -> rendered.put(name, render(name, template, ctx)));
        return rendered;
    }

    /**
     * Parses every templated field of the DAG's tasks without rendering it, so a syntax error (an
     * unclosed {@code {% if %}}, an unknown tag) is an import error when the DAG loads rather than a
     * failed try later. Unknown names can only be told at render time.
     *
     * @param dag a DAG
     * @throws DagDefinitionException naming the DAG, task, field, line and message
     */
    public static void checkSyntax(Dag dag) {
        for (TaskDefinition task : dag.tasks()) {
            task.task().templateFields().forEach((field, template) -> {
                JinjavaInterpreter interpreter = JINJAVA.newInterpreter();
                interpreter.parse(template);
                interpreter.getErrors().stream().filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL).findFirst()
                        .ifPresent(e -> {
                            throw new DagDefinitionException("dag '" + dag.id() + "' task '" + task.id() + "': "
                                    + new TemplateException(field, e.getLineno(), e.getMessage()).getMessage());
                        });
            });
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static Jinjava newEngine() {
        // A value (a run's conf, a variable) is never rendered again: text a user sent over the API
        // must not reach the connections and variables a template can name.
        JinjavaConfig config = JinjavaConfig.newBuilder().withFailOnUnknownTokens(true)
                .withNestedInterpretationEnabled(false).build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFilter(new SqlLiteralFilter());
        return jinjava;
    }
}
