package org.orchestrator.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads a param's JSON value as the Java type a task asks for: a JSON number is an Integer, a Long or
 * a Double depending on its size, so {@code Integer.class} and {@code Long.class} both work for an
 * integer param; a {@link Param#date()} is text until read as a {@link LocalDate}.
 */
final class ParamValues {

    private ParamValues() {
    }

    static <T> T as(String name, Object value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return type.cast(convert(value, boxed(type)));
        } catch (ClassCastException | ArithmeticException | DateTimeParseException e) {
            throw new OrchestratorException("param '" + name + "' is " + value.getClass().getSimpleName() + " " + value
                    + ", which does not read as " + type.getSimpleName());
        }
    }

    private static Object convert(Object value, Class<?> type) {
        if (type.isInstance(value)) {
            return value;
        }
        if (value instanceof Number n) {
            BigDecimal exact = new BigDecimal(n.toString());
            if (type == Integer.class) return exact.intValueExact();
            if (type == Long.class) return exact.longValueExact();
            if (type == Double.class) return n.doubleValue();
            if (type == BigDecimal.class) return exact;
        }
        if (value instanceof String text) {
            if (type == LocalDate.class) return LocalDate.parse(text);
            if (type == Instant.class) return OffsetDateTime.parse(text).toInstant();
        }
        throw new ClassCastException();
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) return type;
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == double.class) return Double.class;
        if (type == boolean.class) return Boolean.class;
        return type;
    }
}
