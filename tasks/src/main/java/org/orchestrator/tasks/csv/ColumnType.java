package org.orchestrator.tasks.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The type of a {@link CsvLoad} column: how a CSV field is parsed and which ANSI SQL type a
 * table created by the load gets. Timestamps are read as ISO-8601 ({@code 2026-03-02T10:15:00},
 * a space instead of the {@code T} is accepted); one with an offset or {@code Z} is converted to UTC.
 *
 * <pre>{@code
 * CsvLoad.file(Path.of("loans.csv")).into("analytics", "loans").column("amount", ColumnType.DECIMAL)
 * }</pre>
 */
public enum ColumnType {
    /** Any text, stored as {@code VARCHAR(4000)}. */
    TEXT("VARCHAR(4000)"),
    /** A 32-bit integer, {@code INTEGER}. */
    INT("INTEGER"),
    /** A 64-bit integer, {@code BIGINT}. */
    LONG("BIGINT"),
    /** An exact decimal, {@code DECIMAL(19,4)}. */
    DECIMAL("DECIMAL(19,4)"),
    /** An ISO date ({@code 2026-03-02}), {@code DATE}. */
    DATE("DATE"),
    /** An ISO date-time, {@code TIMESTAMP} in UTC. */
    TIMESTAMP("TIMESTAMP"),
    /** {@code true/false}, {@code yes/no}, {@code 1/0}, {@code BOOLEAN}. */
    BOOLEAN("BOOLEAN");

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    /** {@return the ANSI SQL type a created table uses} */
    public String sqlType() {
        return sqlType;
    }

    /**
     * {@return the parsed value}
     *
     * @param text a non-empty CSV field
     * @throws IllegalArgumentException naming the type when the text is not of it
     */
    public Object parse(String text) {
        try {
            return switch (this) {
                case TEXT -> text;
                case INT -> Integer.valueOf(text.strip());
                case LONG -> Long.valueOf(text.strip());
                case DECIMAL -> new BigDecimal(text.strip());
                case DATE -> LocalDate.parse(text.strip());
                case TIMESTAMP -> timestamp(text.strip());
                case BOOLEAN -> bool(text.strip());
            };
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + article() + " " + name().toLowerCase(Locale.ROOT), e);
        }
    }

    private String article() {
        return this == INT ? "an" : "a";
    }

    private static LocalDateTime timestamp(String text) {
        String iso = text.replace(' ', 'T');
        char last = iso.charAt(iso.length() - 1);
        if (last == 'Z' || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
            return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return LocalDateTime.parse(iso);
    }

    private static Boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1" -> true;
            case "false", "no", "n", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }
}
