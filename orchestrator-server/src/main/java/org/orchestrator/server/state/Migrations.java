package org.orchestrator.server.state;

import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema from one migration source for both databases ({@code db/migration}); the few types
 * the dialects spell differently are Flyway placeholders.
 *
 * <p>Until that source existed, each database had its own copy of V1..V7 ({@code db/migration/h2}
 * and {@code db/migration/postgresql}). Homes migrated then carry those files' checksums, which
 * Flyway's validation would now refuse. Before migrating, a checksum that is exactly one of the
 * shipped ones for its version is rewritten to the single source's: both built the same schema.
 * Any other mismatch (an edited migration) still stops the start, as Flyway intends.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Version → checksums of the per-database files shipped before the single source (H2's, PostgreSQL's). */
    static final Map<String, Set<Integer>> LEGACY_CHECKSUMS = Map.of(
            "1", Set.of(991076098, 1459873418),
            "2", Set.of(-257219129, 1979541103),
            "3", Set.of(1421583067, -24992031),
            "4", Set.of(597103809, -1523663933),
            "5", Set.of(-1589631423, 906029301),
            "6", Set.of(1158010655),
            "7", Set.of(-1771413394, -679757753));

    private Migrations() {
    }

    /** @return how many migrations were applied */
    static int migrate(DataSource dataSource, Jdbi jdbi, boolean postgres) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(placeholders(postgres))
                .load();
        adoptLegacyChecksums(flyway, jdbi);
        return flyway.migrate().migrationsExecuted;
    }

    /**
     * @return the column types the two dialects spell differently, and {@code pg_only}: nothing on
     *         PostgreSQL, a comment marker on H2, in front of a statement only PostgreSQL runs
     */
    static Map<String, String> placeholders(boolean postgres) {
        return postgres ? Map.of("text", "TEXT", "blob", "BYTEA", "pg_only", "")
                : Map.of("text", "CLOB", "blob", "BLOB", "pg_only", "-- H2 skips: ");
    }

    private static void adoptLegacyChecksums(Flyway flyway, Jdbi jdbi) {
        for (MigrationInfo info : flyway.info().applied()) {
            if (isLegacy(info)) {
                jdbi.useHandle(h -> h.createUpdate("UPDATE \"flyway_schema_history\" SET \"checksum\" = :resolved "
                                + "WHERE \"version\" = :version AND \"checksum\" = :applied")
                        .bind("resolved", info.getResolvedChecksum()).bind("applied", info.getAppliedChecksum())
                        .bind("version", info.getVersion().getVersion()).execute());
                LOG.info("schema version {} was applied from the per-database migration files; now tracked as the single source's",
                        info.getVersion());
            }
        }
    }

    private static boolean isLegacy(MigrationInfo info) {
        return info.isVersioned() && info.getResolvedChecksum() != null && !info.isChecksumMatching()
                && LEGACY_CHECKSUMS.getOrDefault(info.getVersion().getVersion(), Set.of()).contains(info.getAppliedChecksum());
    }
}
