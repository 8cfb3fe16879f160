package org.orchestrator.server.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 2026-01-31} (midnight UTC) or an ISO instant such as {@code 2026-01-31T02:00:00Z}. */
final class Dates implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return value.contains("T") ? Instant.parse(value) : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date (2026-01-31) or an instant (2026-01-31T02:00:00Z)");
        }
    }
}
