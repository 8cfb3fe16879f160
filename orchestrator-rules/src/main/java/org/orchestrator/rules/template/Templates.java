package org.orchestrator.rules.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.TemplateError;
import java.util.LinkedHashMap;
import java.util.Map;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import org.orchestrator.api.Dag;
import org.orchestrator.api.DagDefinitionException;
import org.orchestrator.api.Resources;
import org.orchestrator.api.Task;
import org.orchestrator.api.TemplateFilter;
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
        return render(name, template, ctx, null);
    }

    /**
     * {@return the rendered text, with the DAG's user-defined macros and filters}
     *
     * @param name     the templated field, named in errors
     * @param template the template
     * @param ctx      the try's context
     * @param dag      the try's DAG, or null for a template that sees no user-defined names
     * @throws TemplateException when it does not render
     */
    public static String render(String name, String template, TaskContext ctx, Dag dag) {
        if (!Task.isTemplate(template)) { // any other text renders to itself
            return template;
        }
        return interpret(name, template, TemplateContext.of(ctx, dag), dag == null ? Map.of() : dag.userDefinedFilters());
    }

    /**
     * {@return the rendered text of a template outside a try (a notifier's message): the given
     * names, and var, conn and macros}
     *
     * @param name      what is rendered, named in errors
     * @param template  the template
     * @param names     the names it may use besides var, conn and macros
     * @param resources where var and conn look values up
     * @throws TemplateException when it does not render
     */
    public static String render(String name, String template, Map<String, ?> names, Resources resources) {
        if (!Task.isTemplate(template)) {
            return template;
        }
        return interpret(name, template, TemplateContext.of(names, resources), Map.of());
    }

    private static String interpret(String name, String template, Map<String, Object> values, Map<String, TemplateFilter> filters) {
        Context names = new Context(JINJAVA.getGlobalContext(), values);
        filters.forEach((filter, body) -> names.registerFilter(new UserFilter(filter, body)));
        JinjavaInterpreter interpreter = new JinjavaInterpreter(JINJAVA, names, JINJAVA.getGlobalConfig());
        String output;
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            output = interpreter.render(template);
        } catch (InterpretException e) { // an unknown name, in strict mode
            throw new TemplateException(name, e.getLineNumber(), rootMessage(e));
        } catch (RuntimeException e) {
            throw new TemplateException(name, 0, rootMessage(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        for (TemplateError error : interpreter.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TemplateException(name, error.getLineno(), error.getMessage());
            }
        }
        return output;
    }

    /**
     * {@return each field rendered, in the given order}
     *
     * @param fields templates by field name
     * @param ctx    the try's context
     * @throws TemplateException for the first field that does not render
     */
    public static Map<String, String> renderAll(Map<String, String> fields, TaskContext ctx) {
        return renderAll(fields, ctx, null);
    }

    /**
     * {@return each field rendered, in the given order, with the DAG's user-defined macros and filters}
     *
     * @param fields templates by field name
     * @param ctx    the try's context
     * @param dag    the try's DAG, or null
     * @throws TemplateException for the first field that does not render
     */
    public static Map<String, String> renderAll(Map<String, String> fields, TaskContext ctx, Dag dag) {
        Map<String, String> rendered = new LinkedHashMap<>();
        fields.forEach((name, template) -> rendered.put(name, render(name, template, ctx, dag)));
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
