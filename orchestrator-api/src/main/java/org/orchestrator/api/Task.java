package org.orchestrator.api;

/**
 * The unit of work in a DAG: a class or a lambda that the server runs once per try.
 *
 * <p>Return normally to succeed, throw to fail the try (it is retried while tries are left),
 * throw {@link SkipTaskException} to end as {@code skipped}. A task should react to
 * {@link Thread#interrupt()}: the server interrupts it when its execution timeout expires.
 *
 * <pre>{@code
 * Task extract = ctx -> {
 *     ctx.log().info("extracting {}", ctx.dataInterval());
 *     ctx.xcomPush("rows", 1200);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Task {

    /**
     * Runs one try of this task.
     *
     * @param context what the try may know and do: ids, dates, params, logger, XCom
     * @throws Exception any failure; the server records it in the try's log and decides on a retry
     */
    void execute(TaskContext context) throws Exception;

    /**
     * The fields of this task that are Jinja templates, by name ({@code sql}, {@code command},
     * {@code path}…). The engine renders them before {@link #execute} (so a template error fails the
     * try before anything ran) and records them as the try's rendered fields; the task renders them
     * again with {@link TaskContext#render(String, String)} where it uses them. Built-in tasks declare
     * theirs; a custom task overrides this to declare its own.
     *
     * @return templates by field name, in a stable order; empty by default
     */
    default java.util.Map<String, String> templateFields() {
        return java.util.Map.of();
    }

    /**
     * Tells whether the text holds Jinja markup: a double opening brace, a brace and a percent sign,
     * or a brace and a hash sign. Any other text renders to itself.
     *
     * @param text any text, null included
     * @return true when it is a template
     */
    static boolean isTemplate(String text) {
        return text != null && (text.contains("{{") || text.contains("{%") || text.contains("{#"));
    }
}
