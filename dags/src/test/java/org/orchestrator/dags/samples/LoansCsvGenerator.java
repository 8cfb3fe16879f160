package org.orchestrator.dags.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the loans sample that {@code loans_etl} ships ({@code loans/loans.csv}): 3,000 loans in
 * the style of a microfinance portfolio, the same bytes every time (fixed seed), with bad rows of
 * six kinds mixed in every {@value #BAD_EVERY} rows: missing amount, negative amount, bad date,
 * unknown country code, wrong column count, and a loan_id already used by an earlier row.
 * Amounts are in USD; {@code currency} is the local currency the loan was paid out in.
 *
 * <p>Regenerate with {@code java dags/src/test/java/org/orchestrator/dags/samples/LoansCsvGenerator.java
 * dags/src/main/resources/org/orchestrator/dags/loans/loans.csv}; {@code ShippedSamplesTest}
 * checks the committed file is this generator's output.
 */
public final class LoansCsvGenerator {

    /** The CSV header. */
    public static final String HEADER = "loan_id,country,sector,amount,currency,funded_date,borrower_count,status";
    static final int ROWS = 3000;
    static final int BAD_EVERY = 25;
    static final long SEED = 20260101L;

    private static final String[][] COUNTRIES = {
        {"KE", "KES"}, {"UG", "UGX"}, {"TZ", "TZS"}, {"RW", "RWF"}, {"NG", "NGN"}, {"GH", "GHS"},
        {"PH", "PHP"}, {"KH", "KHR"}, {"VN", "VND"}, {"PE", "PEN"}, {"BO", "BOB"}, {"CO", "COP"},
        {"MX", "MXN"}, {"SV", "USD"}, {"PK", "PKR"}, {"TJ", "TJS"},
    };
    private static final String[] SECTORS = {
        "Agriculture", "Food", "Retail", "Services", "Clothing", "Transportation", "Housing", "Education",
        "Health", "Manufacturing", "Arts", "Construction", "Personal Use", "Wholesale", "Entertainment",
    };
    private static final String[] STATUSES = {"funded", "in_repayment", "paid", "paid", "paid", "defaulted"};
    private static final String[] UNKNOWN_COUNTRIES = {"XX", "ZZ", "QQ", "UK"};

    private LoansCsvGenerator() {
    }

    /** @return the file's lines, header first */
    public static List<String> lines() {
        Random random = new Random(SEED); // java.util.Random's sequence is fixed by its specification
        List<String> lines = new ArrayList<>(ROWS + 1);
        lines.add(HEADER);
        List<Long> goodIds = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            long id = 2_000_000L + i;
            String[] f = goodRow(random, id);
            if (i % BAD_EVERY == 0) {
                lines.add(bad(f, (i / BAD_EVERY) % 6, random, goodIds));
            } else {
                goodIds.add(id);
                lines.add(String.join(",", f));
            }
        }
        return lines;
    }

    private static String[] goodRow(Random random, long id) {
        String[] country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String sector = SECTORS[random.nextInt(SECTORS.length)];
        // Most loans are small: 25..2,500 USD in steps of 25, a few up to 10,000.
        int steps = random.nextInt(10) == 0 ? 1 + random.nextInt(400) : 1 + random.nextInt(100);
        String amount = steps * 25 + ".00";
        LocalDate funded = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(365));
        int borrowers = random.nextInt(5) == 0 ? 2 + random.nextInt(20) : 1;
        String status = STATUSES[random.nextInt(STATUSES.length)];
        return new String[] {Long.toString(id), country[0], sector, amount, country[1], funded.toString(),
            Integer.toString(borrowers), status};
    }

    private static String bad(String[] f, int kind, Random random, List<Long> goodIds) {
        switch (kind) {
            case 0 -> f[3] = "";
            case 1 -> f[3] = "-" + f[3];
            case 2 -> f[5] = random.nextBoolean() ? "2025-02-30" : f[5].substring(8) + "/" + f[5].substring(5, 7) + "/2025";
            case 3 -> f[1] = UNKNOWN_COUNTRIES[random.nextInt(UNKNOWN_COUNTRIES.length)];
            case 4 -> {
                return String.join(",", java.util.Arrays.copyOf(f, random.nextBoolean() ? 7 : 9)).replace(",null", ",extra");
            }
            default -> f[0] = Long.toString(goodIds.get(random.nextInt(goodIds.size())));
        }
        return String.join(",", f);
    }

    /**
     * @param args the file to write
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), lines(), StandardCharsets.UTF_8);
    }
}
