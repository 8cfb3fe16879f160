package org.orchestrator.server.dagbag;

/**
 * One error the compiler reported in a DAG source.
 *
 * @param file    the source file, relative to the dags folder
 * @param line    1-based line, or 0 when the error has no position
 * @param column  1-based column, or 0 when the error has no position
 * @param message the compiler's message
 * @param code    the offending line of source, or empty
 */
record CompileError(String file, long line, long column, String message, String code) {

    /** @return the error as javac prints it: {@code file:line:column: error: message}, the line and a caret */
    String format() {
        StringBuilder text = new StringBuilder(file).append(':').append(line).append(':').append(column)
                .append(": error: ").append(message);
        if (!code.isBlank()) {
            text.append('\n').append(code).append('\n').append(" ".repeat((int) Math.max(0, column - 1))).append('^');
        }
        return text.toString();
    }
}
