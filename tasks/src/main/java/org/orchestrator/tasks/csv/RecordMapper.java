package org.orchestrator.tasks.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVRecord;
import org.orchestrator.api.OrchestratorException;

/** Turns a CSV record into the declared columns' values, finding each column by its header name. */
final class RecordMapper {

    private final List<Column> columns;
    private final int[] positions;
    private final int fields;

    private RecordMapper(List<Column> columns, int[] positions, int fields) {
        this.columns = columns;
        this.positions = positions;
        this.fields = fields;
    }

    /** @throws OrchestratorException when the header lacks a declared column: no row could load */
    static RecordMapper of(List<Column> columns, List<String> header, CsvSource path) {
        // A byte order mark (as spreadsheet programs write) would otherwise hide the first column.
        List<String> lower = header.stream().map(h -> h.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT)).toList();
        int[] positions = new int[columns.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            positions[i] = lower.indexOf(columns.get(i).name().toLowerCase(Locale.ROOT));
            if (positions[i] < 0) {
                missing.add(columns.get(i).name());
            }
        }
        if (!missing.isEmpty()) {
            throw new OrchestratorException("CSV file " + path + " lacks column(s) " + missing + "; its header is " + header);
        }
        return new RecordMapper(columns, positions, header.size());
    }

    /**
     * @return the values in declared order
     * @throws IllegalArgumentException with the reason the record is rejected
     */
    List<Object> values(CSVRecord record) {
        if (record.size() != fields) {
            throw new IllegalArgumentException("expected " + fields + " fields, found " + record.size());
        }
        List<Object> values = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            values.add(columns.get(i).value(record.get(positions[i])));
        }
        return values;
    }
}
