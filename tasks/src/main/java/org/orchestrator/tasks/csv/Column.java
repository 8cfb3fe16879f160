package org.orchestrator.tasks.csv;

import java.util.List;
import java.util.function.Predicate;

/**
 * One declared column of a {@link CsvLoad}: the CSV header and the table column share its name.
 *
 * @param name     header and table column
 * @param type     how the field is parsed
 * @param required whether an empty field rejects the row
 * @param rules    further checks on the parsed value
 */
record Column(String name, ColumnType type, boolean required, List<Rule> rules) {

    /** A validation rule: rows whose value fails the test are rejected with the reason. */
    record Rule(Predicate<Object> test, String reason) {
    }

    Column {
        rules = List.copyOf(rules);
    }

    Column withRule(Rule rule) {
        List<Rule> more = new java.util.ArrayList<>(rules);
        more.add(rule);
        return new Column(name, type, required, more);
    }

    /**
     * @param field the raw field, null when the row has no such field
     * @return the value to store (null for an empty optional field)
     * @throws IllegalArgumentException with the reason the row is rejected
     */
    Object value(String field) {
        if (field == null || field.isBlank()) {
            if (required) {
                throw new IllegalArgumentException(name + ": required but empty");
            }
            return null;
        }
        Object value;
        try {
            value = type.parse(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        for (Rule rule : rules) {
            if (!rule.test().test(value)) {
                throw new IllegalArgumentException(name + ": " + rule.reason() + " (got " + field.strip() + ")");
            }
        }
        return value;
    }
}
