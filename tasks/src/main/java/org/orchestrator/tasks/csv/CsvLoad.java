package org.orchestrator.tasks.csv;

import java.io.Reader;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.Jdbc;
import org.orchestrator.tasks.sql.SqlParam;

/**
 * Loads a CSV file (with a header line, parsed by Apache Commons CSV) into a table with a declared
 * schema, in JDBC batches and in one transaction. A row that does not fit the schema — a missing
 * required field, a field of the wrong type, a broken validation rule, the wrong number of fields —
 * goes into a dead-letter table (created when missing; source file, line number, raw line, reason)
 * instead. The counts are pushed to XCom as longs under {@code loaded} (rows accepted from the
 * file) and {@code rejected}. A UTF-8 byte order mark before the header is ignored.
 *
 * <p>Reruns: {@link Builder#upsertKey} replaces rows by key, {@link Builder#replaceAll} empties the
 * table first, {@link Builder#replaceWhere} deletes a slice (e.g. the run's interval) first; with
 * any of them, loading the same file again leaves the table as it was. The dead-letter rows of the
 * same source file are always replaced. {@link Builder#fromResource} reads a CSV shipped in the
 * DAG bundle's jar instead of a file.
 *
 * <pre>{@code
 * .task("load_loans", CsvLoad.into("analytics", "loans")
 *         .from(ctx -> Path.of("/data/loans_" + ctx.logicalDate().toString().substring(0, 10) + ".csv"))
 *         .column("loan_id", ColumnType.LONG)
 *         .column("country", ColumnType.TEXT)
 *         .column("amount", ColumnType.DECIMAL)
 *         .optionalColumn("funded_at", ColumnType.TIMESTAMP)
 *         .rule("amount", v -> ((BigDecimal) v).signum() > 0, "must be positive")
 *         .upsertKey("loan_id")
 *         .batchSize(500)
 *         .build())
 * }</pre>
 */
public final class CsvLoad implements Task {

    private final String connId;
    private final String table;
    private final Function<TaskContext, CsvSource> source;
    private final String pathTemplate;
    private final List<Column> columns;
    private final List<String> keyColumns;
    private final boolean replaceAll;
    private final String replaceWhere;
    private final List<Object> replaceParams;
    private final String deadLetterTable;
    private final int batchSize;
    private final boolean createTable;
    private final CSVFormat format;

    private CsvLoad(Builder b) {
        connId = b.connId;
        table = b.table;
        source = b.source;
        pathTemplate = b.pathTemplate;
        columns = List.copyOf(b.columns.values());
        keyColumns = List.copyOf(b.keyColumns);
        replaceAll = b.replaceAll;
        replaceWhere = b.replaceWhere;
        replaceParams = List.copyOf(b.replaceParams);
        deadLetterTable = b.deadLetterTable == null ? table + "_rejected" : b.deadLetterTable;
        batchSize = b.batchSize;
        createTable = b.createTable;
        format = CSVFormat.DEFAULT.builder().setDelimiter(b.delimiter).setHeader().setSkipHeaderRecord(true).get();
    }

    /**
     * {@return a builder}
     *
     * @param connId a connection of type {@code jdbc}
     * @param table the target table
     */
    public static Builder into(String connId, String table) {
        return new Builder(Objects.requireNonNull(connId, "connId"), Jdbc.identifier(table));
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        CsvSource path = source.apply(ctx);
        try (Connection conn = Jdbc.open(ctx, connId)) {
            conn.setAutoCommit(false);
            try {
                long[] counts = load(conn, path, ctx);
                conn.commit();
                ctx.log().info("loaded {} row(s) of {} into {}, rejected {} into {}", counts[0], path, table, counts[1], deadLetterTable);
                ctx.xcomPush("loaded", counts[0]);
                ctx.xcomPush("rejected", counts[1]);
            } catch (Exception e) {
                conn.rollback();
                throw e;
            }
        }
    }

    private long[] load(Connection conn, CsvSource path, TaskContext ctx) throws Exception {
        TableWriter writer = new TableWriter(conn, table, columns, keyColumns, batchSize);
        if (createTable) {
            writer.createIfMissing(keyColumns);
        }
        if (replaceAll || replaceWhere != null) {
            int deleted = writer.deleteWhere(replaceWhere, SqlParam.resolve(replaceParams, ctx));
            ctx.log().info("deleted {} row(s) of {} before loading", deleted, table);
        }
        try (Reader reader = path.open();
             DeadLetter rejects = DeadLetter.open(conn, deadLetterTable, path.name(), batchSize);
             CSVParser parser = CSVParser.parse(reader, format)) {
            RecordMapper mapper = RecordMapper.of(columns, parser.getHeaderNames(), path);
            long previousEnd = parser.getCurrentLineNumber();
            for (CSVRecord record : parser) {
                long line = previousEnd + 1;
                previousEnd = parser.getCurrentLineNumber();
                try {
                    writer.add(mapper.values(record));
                } catch (IllegalArgumentException e) {
                    rejects.reject(line, format.format((Object[]) record.values()), e.getMessage());
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("CSV load of " + path + " interrupted at line " + line);
                }
            }
            writer.flush();
            rejects.flush();
            return new long[] {writer.accepted(), rejects.rejected()};
        }
    }

    /** A path given as text is a Jinja template. */
    @Override
    public Map<String, String> templateFields() {
        return org.orchestrator.tasks.internal.TemplateFields.of().add("path", pathTemplate).build();
    }

    @Override
    public String toString() {
        return "CsvLoad[" + connId + "." + table + "]";
    }

    /** Configures a {@link CsvLoad}; declare at least one column and the file. */
    public static final class Builder {
        private final String connId;
        private final String table;
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private final List<String> keyColumns = new ArrayList<>();
        private final List<Object> replaceParams = new ArrayList<>();
        private Function<TaskContext, CsvSource> source;
        private String pathTemplate;
        private boolean replaceAll;
        private String replaceWhere;
        private String deadLetterTable;
        private int batchSize = 1000;
        private boolean createTable = true;
        private char delimiter = ',';

        private Builder(String connId, String table) {
            this.connId = connId;
            this.table = table;
        }

        /**
         * The CSV file (UTF-8, header line first).
         *
         * @param path the CSV file (UTF-8, header line first)
         * @return this
         */
        public Builder from(Path path) {
            Objects.requireNonNull(path, "path");
            return from(ctx -> path);
        }

        /**
         * Chooses the file for the try, e.g. from its logical date.
         *
         * @param path chooses the file for the try, e.g. from its logical date
         * @return this
         */
        public Builder from(Function<TaskContext, Path> path) {
            Objects.requireNonNull(path, "path");
            source = ctx -> CsvSource.file(path.apply(ctx));
            pathTemplate = null;
            return this;
        }

        /**
         * The CSV file as a Jinja template: {@code "/data/{{ ds_nodash }}/orders.csv"}.
         *
         * @param path the file's path, rendered for each try
         * @return this
         */
        public Builder from(String path) {
            Objects.requireNonNull(path, "path");
            source = ctx -> CsvSource.file(Path.of(ctx.render("path", path)));
            pathTemplate = path;
            return this;
        }

        /**
         * Reads a CSV shipped in a DAG bundle's jar, e.g. a sample data set.
         *
         * @param anchor   a class of the bundle, whose loader finds the resource
         * @param resource the resource's name, e.g. {@code /data/loans.csv}; also the dead-letter table's source
         * @return this
         */
        public Builder fromResource(Class<?> anchor, String resource) {
            CsvSource found = CsvSource.resource(Objects.requireNonNull(anchor, "anchor"), Objects.requireNonNull(resource, "resource"));
            source = ctx -> found;
            pathTemplate = null;
            return this;
        }

        /**
         * {@return this; the field is required}
         *
         * @param name header and table column
         * @param type its type
         */
        public Builder column(String name, ColumnType type) {
            return add(new Column(Jdbc.identifier(name), type, true, List.of()));
        }

        /**
         * {@return this; an empty field loads as NULL}
         *
         * @param name header and table column
         * @param type its type
         */
        public Builder optionalColumn(String name, ColumnType type) {
            return add(new Column(Jdbc.identifier(name), type, false, List.of()));
        }

        private Builder add(Column column) {
            if (columns.putIfAbsent(column.name().toLowerCase(Locale.ROOT), column) != null) {
                throw new IllegalArgumentException("column '" + column.name() + "' is declared twice");
            }
            return this;
        }

        /**
         * Adds a rule a column's value must pass, or the row is rejected with the reason.
         *
         * @param column a declared column
         * @param test holds for good parsed values (a Long, BigDecimal, LocalDate... per type)
         * @param reason why a row is rejected when it does not, e.g. "must be positive"
         * @return this
         */
        public Builder rule(String column, Predicate<Object> test, String reason) {
            Column declared = columns.get(column.toLowerCase(Locale.ROOT));
            if (declared == null) {
                throw new IllegalArgumentException("rule on undeclared column '" + column + "'");
            }
            columns.put(column.toLowerCase(Locale.ROOT), declared.withRule(new Column.Rule(test, reason)));
            return this;
        }

        /**
         * Loads by key: a row replaces the table's row with the same key.
         *
         * @param keyColumns declared columns; a row replaces the table's row with the same key
         * @return this
         */
        public Builder upsertKey(String... keyColumns) {
            for (String key : keyColumns) {
                Column declared = columns.get(key.toLowerCase(Locale.ROOT));
                if (declared == null || !declared.required()) {
                    throw new IllegalArgumentException("upsert key '" + key + "' must be a declared required column");
                }
                this.keyColumns.add(declared.name());
            }
            return this;
        }

        /**

         * Empties the table before loading, in the same transaction.

         *

         * @return this builder

         */
        public Builder replaceAll() {
            replaceAll = true;
            return this;
        }

        /**
         * {@return this; matching rows are deleted before loading, in the same transaction}
         *
         * @param condition a SQL condition on the table, e.g. {@code "order_date >= ? AND order_date < ?"}
         * @param params its parameters: literals or {@link SqlParam}s
         */
        public Builder replaceWhere(String condition, Object... params) {
            replaceWhere = Objects.requireNonNull(condition, "condition");
            replaceParams.addAll(java.util.Arrays.asList(params));
            return this;
        }

        /**
         * Where rejected rows go (default: the table's name + {@code _rejected}).
         *
         * @param table where rejected rows go (default: the table's name + {@code _rejected})
         * @return this
         */
        public Builder deadLetterTable(String table) {
            deadLetterTable = Jdbc.identifier(table);
            return this;
        }

        /**
         * Rows per JDBC batch (default 1000).
         *
         * @param size rows per JDBC batch (default 1000)
         * @return this
         */
        public Builder batchSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + size);
            }
            batchSize = size;
            return this;
        }

        /**
         * Whether to create the table from the columns when missing (default true).
         *
         * @param create whether to create the table from the columns when missing (default true)
         * @return this
         */
        public Builder createTable(boolean create) {
            createTable = create;
            return this;
        }

        /**
         * The field separator (default comma).
         *
         * @param delimiter the field separator (default comma)
         * @return this
         */
        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /** {@return the task} */
        public CsvLoad build() {
            if (source == null) {
                throw new IllegalArgumentException("CSV load into " + table + " has no file: call from(...)");
            }
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("CSV load into " + table + " declares no column");
            }
            return new CsvLoad(this);
        }
    }
}
