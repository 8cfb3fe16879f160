package org.orchestrator.server.dagbag;

import java.util.List;

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

    /** @return the error's first line as javac prints it: {@code file:line:column: error: message} */
    String header() {
        return file + ":" + line + ":" + column + ": error: " + message;
    }

    /**
     * The errors of one source line as javac prints them, but with the line shown once: each
     * error's header, then the line, then a caret under each error's column.
     *
     * @param sameLine errors of one file and line, in the compiler's order
     * @return the text
     */
    static String format(List<CompileError> sameLine) {
        StringBuilder text = new StringBuilder();
        sameLine.forEach(e -> text.append(e.header()).append('\n'));
        String code = sameLine.get(0).code();
        if (code.isBlank()) {
            return text.substring(0, text.length() - 1);
        }
        StringBuilder carets = new StringBuilder();
        sameLine.stream().mapToLong(CompileError::column).filter(c -> c > 0).sorted().distinct().forEach(column -> {
            carets.append(" ".repeat((int) Math.max(0, column - 1 - carets.length()))).append('^');
        });
        return text.append(code).append('\n').append(carets).toString();
    }
}
