package org.orchestrator.dags;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A day's orders as the source system would export them: the same rows for the same day, every
 * time (seeded from the date), including malformed rows that the transform must reject.
 */
final class OrderBatch {

    static final int SIZE = 24;
    /** Every seventh row is malformed on purpose, so each batch has {@code SIZE / 7} bad rows. */
    static final int BAD_ROW_EVERY = 7;

    private OrderBatch() {
    }

    /** @return CSV rows (no header) for the orders placed on {@code day} */
    static List<String> rowsFor(LocalDate day) {
        Random random = new Random(day.toEpochDay()); // java.util.Random's sequence is fixed by its spec
        List<String> rows = new ArrayList<>(SIZE);
        for (int i = 1; i <= SIZE; i++) {
            Order order = new Order(orderId(day, i), "C" + (100 + random.nextInt(900)),
                    BigDecimal.valueOf(100 + random.nextInt(50_000), 2), day);
            rows.add(i % BAD_ROW_EVERY == 0 ? malformed(order, i / BAD_ROW_EVERY) : order.toCsv());
        }
        return rows;
    }

    private static String orderId(LocalDate day, int n) {
        return "ORD-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-" + String.format("%03d", n);
    }

    /** Cycles through the defects a real export has: no customer, a refund-like negative, junk. */
    private static String malformed(Order order, int k) {
        String[] f = order.toCsv().split(",");
        switch (k % 3) {
            case 1 -> f[1] = "";
            case 2 -> f[2] = "-" + f[2];
            default -> f[2] = "n/a";
        }
        return String.join(",", f);
    }
}
