package org.orchestrator.server.cli;

import org.orchestrator.server.internal.Json;

/**
 * One {@code --xcom task.key=json} of {@code tasks test}: the value an upstream task would have
 * pushed. The key is the part after the last dot before {@code =}, so grouped task ids
 * ({@code group.task.key}) work; the value is JSON ({@code 42}, {@code '"text"'}, {@code '{"a":1}'}).
 */
record SeededXCom(String taskId, String key, Object value) {

    /** @throws IllegalArgumentException naming what is wrong with the text */
    static SeededXCom parse(String text) {
        int equals = text.indexOf('=');
        int dot = equals < 0 ? -1 : text.lastIndexOf('.', equals);
        if (dot <= 0 || dot == equals - 1) {
            throw new IllegalArgumentException("--xcom '" + text + "': expected task.key=json, e.g. extract.rows=42");
        }
        String json = text.substring(equals + 1);
        try {
            return new SeededXCom(text.substring(0, dot), text.substring(dot + 1, equals), Json.read(json, Object.class));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--xcom '" + text + "': the value is not JSON (quote text as '\"text\"'): "
                    + e.getMessage(), e);
        }
    }
}
