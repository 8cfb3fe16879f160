package org.orchestrator.tasks.internal;

import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Resources;

/**
 * JDBC plumbing shared by the SQL, CSV and sensor tasks: opening a named connection, binding
 * parameters and turning result values into JSON-friendly ones. Not part of the authoring API.
 */
public final class Jdbc {

    /** The connection type the JDBC tasks accept. */
    public static final String TYPE = "jdbc";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private Jdbc() {
    }

    /**
     * Table and column names cannot be bound as parameters, so they are checked before they go
     * into SQL text.
     *
     * @param name a table or column name, optionally {@code schema.table}
     * @return the name
     * @throws IllegalArgumentException when it is not a plain identifier
     */
    public static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: '" + name + "' (letters, digits, _ and one optional schema dot)");
        }
        return name;
    }

    /**
     * @param resources where connections are looked up (the task context)
     * @param connId    a connection of type {@code jdbc}; its url is the JDBC URL
     * @return an open connection; the driver comes from the classpath
     * @throws SQLException when the database refuses
     */
    public static Connection open(Resources resources, String connId) throws SQLException {
        org.orchestrator.api.Connection conn = resources.connection(connId);
        if (!TYPE.equalsIgnoreCase(conn.type())) {
            throw new OrchestratorException("connection '" + connId + "' is of type '" + conn.type() + "', a SQL task needs 'jdbc'");
        }
        // Only what is set: a password without a login (H2's default user) still reaches the driver.
        java.util.Properties credentials = new java.util.Properties();
        if (!conn.login().isEmpty()) {
            credentials.setProperty("user", conn.login());
        }
        if (!conn.password().isEmpty()) {
            credentials.setProperty("password", conn.password());
        }
        return DriverManager.getConnection(conn.url(), credentials);
    }

    /**
     * Binds values by position. Instants are bound as UTC {@code TIMESTAMP}s (all times are UTC).
     *
     * @param statement the prepared statement
     * @param values    its parameters, in order
     * @throws SQLException when the driver refuses a value
     */
    public static void bind(PreparedStatement statement, List<?> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setObject(i + 1, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /**
     * Reads up to {@code limit} rows as maps from lower-cased column label to a JSON-friendly value,
     * so the keys are the same on databases that fold names to upper case (H2) or lower case (PostgreSQL).
     *
     * @param rows  a result set positioned before its first row
     * @param limit the most rows to read
     * @return the rows, in order
     * @throws SQLException when reading fails
     */
    public static List<Map<String, Object>> read(ResultSet rows, int limit) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        List<Map<String, Object>> result = new ArrayList<>();
        while (result.size() < limit && rows.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), jsonValue(rows.getObject(c)));
            }
            result.add(row);
        }
        return result;
    }

    /**
     * @param value a value read from JDBC
     * @return the value as XCom can carry it: numbers, strings and booleans as they are; dates and
     *         times as ISO-8601 strings; CLOBs as strings
     * @throws SQLException when a CLOB cannot be read
     */
    public static Object jsonValue(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case Number n -> n;
            case Boolean b -> b;
            case String s -> s;
            case java.sql.Timestamp t -> t.toLocalDateTime().toString();
            case java.sql.Date d -> d.toLocalDate().toString();
            case java.sql.Time t -> t.toLocalTime().toString();
            case TemporalAccessor t -> t.toString();
            case Clob clob -> clob.getSubString(1, (int) clob.length());
            default -> value.toString();
        };
    }

    /**
     * @param value a value read from JDBC, e.g. a sensor's or a check's answer
     * @return true for true, non-zero numbers and non-empty strings other than "false"/"0"
     */
    public static boolean truthy(Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case java.math.BigDecimal d -> d.signum() != 0;
            case Number n -> n.doubleValue() != 0;
            case String s -> !s.isBlank() && !s.equalsIgnoreCase("false") && !s.equals("0");
            default -> true;
        };
    }
}
