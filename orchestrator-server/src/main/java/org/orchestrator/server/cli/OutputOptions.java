package org.orchestrator.server.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.orchestrator.server.internal.Json;
import picocli.CommandLine.Option;

/**
 * {@code --output json|table|plain} of the list commands: a table for people, JSON for programs,
 * plain tab-separated lines without a header for {@code cut} and {@code grep}. Only data goes to
 * stdout; log lines go to stderr.
 */
final class OutputOptions {

    enum Format { TABLE, JSON, PLAIN }

    @Option(names = {"-o", "--output"}, paramLabel = "json|table|plain",
            description = "How to print the result: table (default), json, or plain (tab-separated, no header).")
    Format format = Format.TABLE;

    /**
     * Prints rows that share their keys, in the key order of the first row.
     *
     * @param columns the keys, in order (the table's header even when there are no rows)
     * @param rows    one map per row
     */
    void print(List<String> columns, List<Map<String, Object>> rows) {
        PrintStream out = System.out;
        switch (format) {
            case JSON -> out.println(Json.write(rows));
            case PLAIN -> rows.forEach(row -> out.println(String.join("\t", cells(columns, row))));
            case TABLE -> table(out, columns, rows);
        }
    }

    private static void table(PrintStream out, List<String> columns, List<Map<String, Object>> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(columns);
        rows.forEach(row -> lines.add(cells(columns, row)));
        int[] widths = new int[columns.size()];
        lines.forEach(line -> {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(i == widths.length - 1 ? line.get(i) : String.format("%-" + widths[i] + "s  ", line.get(i)));
            }
            out.println(text.toString().stripTrailing());
        }
    }

    private static List<String> cells(List<String> columns, Map<String, Object> row) {
        return columns.stream().map(c -> row.get(c) instanceof java.util.Collection<?> many
                ? String.join(",", many.stream().map(String::valueOf).toList()) : Objects.toString(row.get(c), "")).toList();
    }

    /** @return a row keeping its keys' order (and null values, which JSON prints as null) */
    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
