package org.orchestrator.tasks.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orchestrator.api.DataInterval;
import org.orchestrator.tasks.sql.SqlParam;
import org.orchestrator.tasks.testing.DatabaseTest;

/** What {@link CsvLoad} and {@link CsvExport} do on any database; subclasses name the database. */
abstract class CsvContract extends DatabaseTest {

    private static final String LOANS = """
            loan_id,country,amount,funded_on,funded_at,approved,note
            1,Kenya,500.00,2026-03-02,2026-03-02T10:00:00Z,true,first
            2,Peru,abc,2026-03-02,2026-03-02T11:00:00Z,yes,bad amount
            3,,75.5,2026-03-02,2026-03-02 12:00:00,no,"note over
            two lines"
            4,Peru,-5,2026-03-02,2026-03-02T13:00:00Z,1,negative
            5,Chile,1200,2026-03-32,2026-03-02T14:00:00Z,0,bad date
            6,Kenya,10
            7,Chile,99.99,2026-03-03,,maybe,bad boolean
            8,Chile,42,2026-03-03,,,"quoted, with comma"
            """;

    private CsvLoad.Builder loans(Path file) {
        return CsvLoad.into(DB, "loans").from(file)
                .column("loan_id", ColumnType.LONG)
                .optionalColumn("country", ColumnType.TEXT)
                .column("amount", ColumnType.DECIMAL)
                .column("funded_on", ColumnType.DATE)
                .optionalColumn("funded_at", ColumnType.TIMESTAMP)
                .optionalColumn("approved", ColumnType.BOOLEAN)
                .optionalColumn("note", ColumnType.TEXT)
                .rule("amount", v -> ((BigDecimal) v).signum() > 0, "must be positive")
                .batchSize(2);
    }

    private Path csv(String name, String text) throws Exception {
        return Files.writeString(tempDir.resolve(name), text);
    }

    @Test
    void good_rows_load_typed_and_bad_rows_go_to_the_dead_letter_table_with_line_and_reason() throws Exception {
        Path file = csv("loans.csv", LOANS);

        loans(file).build().execute(ctx);

        assertThat(rows("SELECT loan_id, country, amount, funded_on, funded_at, approved, note FROM loans ORDER BY loan_id"))
                .containsExactly(
                        row(1L, "Kenya", "500.0000", "2026-03-02", "2026-03-02T10:00", true, "first"),
                        row(3L, null, "75.5000", "2026-03-02", "2026-03-02T12:00", false, "note over\ntwo lines"),
                        row(8L, "Chile", "42.0000", "2026-03-03", null, null, "quoted, with comma"));
        assertThat(rows("SELECT line_number, raw_line, reason FROM loans_rejected WHERE source_file = ? ORDER BY line_number", file.toString()))
                .containsExactly(
                        Map.of("line_number", 3L, "raw_line", "2,Peru,abc,2026-03-02,2026-03-02T11:00:00Z,yes,bad amount",
                                "reason", "amount: 'abc' is not a decimal"),
                        Map.of("line_number", 6L, "raw_line", "4,Peru,-5,2026-03-02,2026-03-02T13:00:00Z,1,negative",
                                "reason", "amount: must be positive (got -5)"),
                        Map.of("line_number", 7L, "raw_line", "5,Chile,1200,2026-03-32,2026-03-02T14:00:00Z,0,bad date",
                                "reason", "funded_on: '2026-03-32' is not a date"),
                        Map.of("line_number", 8L, "raw_line", "6,Kenya,10", "reason", "expected 7 fields, found 3"),
                        Map.of("line_number", 9L, "raw_line", "7,Chile,99.99,2026-03-03,,maybe,bad boolean",
                                "reason", "approved: 'maybe' is not a boolean"));
        assertThat(ctx.pushed("loaded", Long.class)).contains(3L);
        assertThat(ctx.pushed("rejected", Long.class)).contains(5L);
    }

    @Test
    void rerunning_an_upsert_load_leaves_both_tables_identical_and_replaces_changed_rows() throws Exception {
        Path file = csv("loans.csv", LOANS);
        CsvLoad load = loans(file).upsertKey("loan_id").build();
        load.execute(ctx);
        List<Map<String, Object>> loaded = rows("SELECT * FROM loans ORDER BY loan_id");
        List<Map<String, Object>> rejected = rows("SELECT * FROM loans_rejected ORDER BY line_number");

        load.execute(ctx);

        assertThat(rows("SELECT * FROM loans ORDER BY loan_id")).isEqualTo(loaded);
        assertThat(rows("SELECT * FROM loans_rejected ORDER BY line_number")).isEqualTo(rejected);

        Files.writeString(file, LOANS.replace("1,Kenya,500.00", "1,Kenya,501.00"));
        load.execute(ctx);
        assertThat((BigDecimal) value("SELECT amount FROM loans WHERE loan_id = 1")).isEqualByComparingTo("501");
        assertThat(value("SELECT COUNT(*) FROM loans")).isEqualTo(3L);
    }

    @Test
    void a_key_repeated_in_the_file_keeps_its_last_row() throws Exception {
        Path file = csv("dups.csv", "id,name\n1,a\n2,b\n1,c\n");

        CsvLoad.into(DB, "people").from(file).column("id", ColumnType.INT).column("name", ColumnType.TEXT)
                .upsertKey("id").batchSize(2).build().execute(ctx);

        assertThat(rows("SELECT id, name FROM people ORDER BY id")).containsExactly(Map.of("id", 1, "name", "c"), Map.of("id", 2, "name", "b"));
        assertThat(ctx.pushed("loaded", Long.class)).contains(3L);
    }

    @Test
    void a_byte_order_mark_does_not_hide_the_first_column() throws Exception {
        Path file = csv("bom.csv", "\uFEFFid,name\n1,a\n");

        CsvLoad.into(DB, "people").from(file).column("id", ColumnType.INT).column("name", ColumnType.TEXT).build().execute(ctx);

        assertThat(rows("SELECT id, name FROM people")).containsExactly(Map.of("id", 1, "name", "a"));
    }

    @Test
    void replace_where_deletes_the_runs_interval_before_loading() throws Exception {
        exec("CREATE TABLE events (id INTEGER NOT NULL, at TIMESTAMP NOT NULL)",
                "INSERT INTO events VALUES (100, TIMESTAMP '2026-03-01 23:00:00')",
                "INSERT INTO events VALUES (101, TIMESTAMP '2026-03-02 05:00:00')");
        ctx.dataInterval(new DataInterval(Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z")));
        Path file = csv("events.csv", "id,at\n1,2026-03-02T01:00:00\n2,2026-03-02T02:00:00\n");
        CsvLoad load = CsvLoad.into(DB, "events").from(file).column("id", ColumnType.INT).column("at", ColumnType.TIMESTAMP)
                .replaceWhere("at >= ? AND at < ?", SqlParam.intervalStart(), SqlParam.intervalEnd()).build();

        load.execute(ctx);
        load.execute(ctx);

        assertThat(rows("SELECT id FROM events ORDER BY id")).extracting(r -> r.get("id")).containsExactly(1, 2, 100);
    }

    @Test
    void replace_all_empties_the_table_in_the_same_transaction() throws Exception {
        Path file = csv("p.csv", "id\n1\n2\n");
        CsvLoad load = CsvLoad.into(DB, "p").from(file).column("id", ColumnType.INT).replaceAll().build();

        load.execute(ctx);
        load.execute(ctx);

        assertThat(value("SELECT COUNT(*) FROM p")).isEqualTo(2L);
    }

    @Test
    void a_failing_batch_rolls_back_the_whole_load_including_rejects() throws Exception {
        exec("CREATE TABLE codes (code VARCHAR(3) NOT NULL)");
        Path file = csv("codes.csv", "code\nabc\n\ntoolong\n");
        CsvLoad load = CsvLoad.into(DB, "codes").from(file).column("code", ColumnType.TEXT).batchSize(1).build();

        assertThatThrownBy(() -> load.execute(ctx)).isInstanceOf(Exception.class);

        assertThat(value("SELECT COUNT(*) FROM codes")).isEqualTo(0L);
        assertThat(ctx.pushed("loaded", Long.class)).isEmpty();
    }

    @Test
    void a_file_lacking_a_declared_column_fails_naming_it() throws Exception {
        Path file = csv("short.csv", "loan_id,amount\n1,2\n");

        assertThatThrownBy(() -> loans(file).build().execute(ctx))
                .hasMessageContaining("lacks column(s) [country, funded_on, funded_at, approved, note]");
    }

    @Test
    void a_csv_shipped_as_a_resource_loads_and_names_the_resource_as_source() throws Exception {
        CsvLoad.into(DB, "people").fromResource(CsvContract.class, "/csv/people.csv")
                .column("id", ColumnType.INT).column("name", ColumnType.TEXT).build().execute(ctx);

        assertThat(rows("SELECT name FROM people ORDER BY id")).extracting(r -> r.get("name")).containsExactly("Ada", "Grace");
        assertThat(rows("SELECT source_file, line_number, reason FROM people_rejected"))
                .containsExactly(Map.of("source_file", "/csv/people.csv", "line_number", 3L, "reason", "id: 'x' is not an int"));
    }

    @Test
    void a_missing_resource_is_refused_when_building() {
        assertThatThrownBy(() -> CsvLoad.into(DB, "people").fromResource(CsvContract.class, "/csv/nope.csv"))
                .hasMessage("CSV resource /csv/nope.csv not found next to " + CsvContract.class.getName());
    }

    @Test
    void a_missing_file_fails_naming_it() {
        Path file = tempDir.resolve("nope.csv");

        assertThatThrownBy(() -> loans(file).build().execute(ctx)).hasMessageContaining(file + " does not exist");
    }

    @Test
    void export_writes_the_query_result_with_a_header_and_bound_params() throws Exception {
        exec("CREATE TABLE sales (country VARCHAR(20), total DECIMAL(10,2), sold_on DATE)",
                "INSERT INTO sales VALUES ('Kenya', 10.50, DATE '2026-03-02')",
                "INSERT INTO sales VALUES ('Peru, north', NULL, DATE '2026-03-02')",
                "INSERT INTO sales VALUES ('Chile', 3.00, DATE '2026-03-03')");
        Path target = tempDir.resolve("out/sales.csv");

        CsvExport.query(DB, "SELECT country, total, sold_on FROM sales WHERE sold_on = ? ORDER BY country", java.time.LocalDate.parse("2026-03-02"))
                .to(target).build().execute(ctx);

        assertThat(Files.readString(target)).isEqualTo("country,total,sold_on\r\nKenya,10.50,2026-03-02\r\n\"Peru, north\",,2026-03-02\r\n");
        assertThat(ctx.pushed("rows", Long.class)).contains(2L);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    private static Map<String, Object> row(Object... values) {
        String[] names = {"loan_id", "country", "amount", "funded_on", "funded_at", "approved", "note"};
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], i == 2 ? new BigDecimal((String) values[i]) : values[i]);
        }
        return row;
    }
}
