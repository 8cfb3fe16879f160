package org.orchestrator.dags;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One order, as a CSV row {@code order_id,customer_id,amount,order_date}.
 *
 * @param orderId    unique per order
 * @param customerId who ordered, never blank
 * @param amount     positive, two decimals
 * @param orderDate  the day it was placed
 */
record Order(String orderId, String customerId, BigDecimal amount, LocalDate orderDate) {

    static final String HEADER = "order_id,customer_id,amount,order_date";

    /** A row that is not a valid order; the message says why. */
    static final class BadRowException extends Exception {
        private static final long serialVersionUID = 1L;

        BadRowException(String reason) {
            super(reason);
        }
    }

    /**
     * @param line a CSV row
     * @return the order
     * @throws BadRowException when a field is missing or invalid
     */
    static Order parse(String line) throws BadRowException {
        String[] f = line.split(",", -1);
        if (f.length != 4) {
            throw new BadRowException("expected 4 fields, got " + f.length);
        }
        if (f[0].isBlank() || f[1].isBlank()) {
            throw new BadRowException(f[0].isBlank() ? "missing order_id" : "missing customer_id");
        }
        return new Order(f[0], f[1], amount(f[2]), date(f[3]));
    }

    private static BigDecimal amount(String text) throws BadRowException {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadRowException("amount '" + text + "' is not a number");
        }
        if (amount.signum() <= 0) {
            throw new BadRowException("amount " + text + " is not positive");
        }
        return amount;
    }

    private static LocalDate date(String text) throws BadRowException {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRowException("order_date '" + text + "' is not a date");
        }
    }

    /** @return the CSV row */
    String toCsv() {
        return String.join(",", orderId, customerId, amount.toPlainString(), orderDate.toString());
    }
}
