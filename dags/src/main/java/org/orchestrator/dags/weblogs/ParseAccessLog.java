package org.orchestrator.dags.weblogs;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.orchestrator.api.DataInterval;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.api.Task;
import org.orchestrator.api.TaskContext;
import org.orchestrator.dags.support.Staging;

/**
 * Reads the shipped access log and writes the requests of the run's data interval as a CSV of
 * events ({@code events.csv} in a folder named after the interval's start, so a rerun rewrites the
 * same file). Lines that are not in the combined format are counted and logged, not loaded.
 */
final class ParseAccessLog implements Task {

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm").withZone(ZoneOffset.UTC);

    @Override
    public void execute(TaskContext ctx) throws Exception {
        DataInterval interval = ctx.dataInterval();
        Path dir = Staging.dir(ctx, ServerLogsHourly.DAG_ID, FOLDER.format(interval.start()));
        Path target = dir.resolve("events.csv");
        Path partial = Files.createTempFile(dir, "events", ".partial");
        int[] counts = new int[2];
        try (InputStream in = open(); BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(AccessLogLine.CSV_HEADER.split(",")).get())) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                copy(line, interval, csv, counts, ctx);
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        ctx.log().info("{} request(s) in [{}, {}), {} malformed line(s) in the log", counts[0], interval.start(), interval.end(), counts[1]);
        ctx.xcomPush("path", target.toString());
        ctx.xcomPush("events", counts[0]);
        ctx.xcomPush("malformed", counts[1]);
    }

    private static void copy(String line, DataInterval interval, CSVPrinter csv, int[] counts, TaskContext ctx) throws Exception {
        var parsed = AccessLogLine.parse(line);
        if (parsed.isEmpty()) {
            counts[1]++;
            return;
        }
        Instant at = parsed.get().at();
        if (!at.isBefore(interval.start()) && at.isBefore(interval.end())) {
            csv.printRecord(parsed.get().csvFields());
            counts[0]++;
        }
    }

    private static InputStream open() {
        InputStream in = ParseAccessLog.class.getResourceAsStream(ServerLogsHourly.RESOURCE);
        if (in == null) {
            throw new OrchestratorException("resource " + ServerLogsHourly.RESOURCE + " is not in the DAG jar");
        }
        return in;
    }
}
