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
}
