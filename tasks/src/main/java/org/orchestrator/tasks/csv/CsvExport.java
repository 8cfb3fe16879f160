package org.orchestrator.tasks.csv;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.tasks.internal.Jdbc;
import org.orchestrator.tasks.sql.SqlParam;

/**
 * Writes a query's result to a CSV file (UTF-8, header of lower-cased column labels, dates and
 * times in ISO-8601, NULL as an empty field). The file is written next to its target and moved
 * into place, so a reader (or a {@code FileSensor}) never sees half a file. The row count is pushed
 * to XCom as a long under {@code rows}.
 *
 * <pre>{@code
 * .task("export_summary", CsvExport.query("analytics",
 *                 "SELECT country, SUM(amount) AS total FROM loans WHERE funded_at >= ? AND funded_at < ? GROUP BY country",
 *                 SqlParam.intervalStart(), SqlParam.intervalEnd())
 *         .to(ctx -> Path.of("/exports/loans_" + ctx.logicalDate().toString().substring(0, 10) + ".csv"))
 *         .build())
 * }</pre>
 */
public final class CsvExport implements Task {

    private final String connId;
    private final String sql;
    private final List<Object> params;
    private final Function<TaskContext, Path> target;
    private final String targetTemplate;

    private CsvExport(Builder b) {
        connId = b.connId;
        sql = b.sql;
        params = b.params;
        target = b.target;
        targetTemplate = b.targetTemplate;
    }

    /** The query and a target given as text are Jinja templates. */
    @Override
    public java.util.Map<String, String> templateFields() {
        return org.orchestrator.tasks.internal.TemplateFields.of().add("sql", sql).add("path", targetTemplate).build();
    }

    /**
     * {@return a builder}
     *
     * @param connId a connection of type {@code jdbc}
     * @param sql the query
     * @param params literals or {@link SqlParam}s, one per {@code ?}
     */
    public static Builder query(String connId, String sql, Object... params) {
        return new Builder(Objects.requireNonNull(connId, "connId"), Objects.requireNonNull(sql, "sql"), Arrays.asList(params));
    }

    @Override
    public void execute(TaskContext ctx) throws Exception {
        Path file = (targetTemplate != null ? Path.of(ctx.render("path", targetTemplate)) : target.apply(ctx)).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".partial");
        try {
            long rows = write(ctx, partial);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ctx.log().info("exported {} row(s) to {}", rows, file);
            ctx.xcomPush("rows", rows);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private long write(TaskContext ctx, Path file) throws Exception {
        try (Connection conn = Jdbc.open(ctx, connId);
             PreparedStatement ps = conn.prepareStatement(ctx.render("sql", sql))) {
            Jdbc.bind(ps, SqlParam.resolve(params, ctx));
            try (ResultSet rs = ps.executeQuery();
                 Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Object> row = new ArrayList<>(meta.getColumnCount());
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.add(meta.getColumnLabel(c).toLowerCase(Locale.ROOT));
                }
                printer.printRecord(row);
                long count = 0;
                while (rs.next()) {
                    row.clear();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.add(Jdbc.jsonValue(rs.getObject(c)));
                    }
                    printer.printRecord(row);
                    count++;
                }
                return count;
            }
        }
    }

    /** Configures a {@link CsvExport}. */
    public static final class Builder {
        private final String connId;
        private final String sql;
        private final List<Object> params;
        private Function<TaskContext, Path> target;
        private String targetTemplate;

        private Builder(String connId, String sql, List<Object> params) {
            this.connId = connId;
            this.sql = sql;
            this.params = new ArrayList<>(params);
        }

        /**
         * The CSV file to write (replaced when it exists).
         *
         * @param file the CSV file to write (replaced when it exists)
         * @return this
         */
        public Builder to(Path file) {
            Objects.requireNonNull(file, "file");
            return to(ctx -> file);
        }

        /**
         * Chooses the file for the try, e.g. from its logical date.
         *
         * @param file chooses the file for the try, e.g. from its logical date
         * @return this
         */
        public Builder to(Function<TaskContext, Path> file) {
            target = Objects.requireNonNull(file, "file");
            targetTemplate = null;
            return this;
        }

        /**
         * The CSV file to write, a Jinja template: {@code "/exports/{{ ds_nodash }}/orders.csv"}.
         *
         * @param file the file's path, rendered for each try
         * @return this
         */
        public Builder to(String file) {
            targetTemplate = Objects.requireNonNull(file, "file");
            target = ctx -> Path.of(file);
            return this;
        }

        /** {@return the task} */
        public CsvExport build() {
            if (target == null) {
                throw new IllegalArgumentException("CSV export from '" + connId + "' has no target file: call to(...)");
            }
            return new CsvExport(this);
        }
    }
}
