package org.orchestrator.server.cli;

import java.util.concurrent.Callable;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.state.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db migrate}: brings the schema up to date (the server also does this at start); {@code db check}; {@code db clean}. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Check.class, DbCommand.Clean.class})
final class DbCommand {

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations (Flyway).")
    static final class Migrate implements Callable<Integer> {
        @Mixin
        HomeOptions home;

        @Override
        public Integer call() {
            try (Database database = Database.connect(home.config())) {
                int applied = database.migrate();
                System.out.println(applied == 0 ? "Schema is up to date." : "Applied " + applied + " migration(s).");
            }
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check that the database answers; creates nothing (exit 1 when it does not answer).")
    static final class Check implements Callable<Integer> {
        @Mixin
        HomeOptions home;

        @Override
        public Integer call() {
            ServerConfig config = home.config();
            if (!CliResources.hasDatabase(config)) {
                System.err.println("No database yet at " + config.home().resolve("db") + " (the server or 'db migrate' creates it).");
                return 1;
            }
            try (Database database = Database.connect(config)) {
                if (database.reads().databaseAnswers()) {
                    System.out.println("The database answers (" + (database.isPostgres() ? "PostgreSQL" : "H2") + ").");
                    return 0;
                }
            } catch (RuntimeException e) {
                System.err.println("The database does not answer: " + e.getMessage());
                return 1;
            }
            System.err.println("The database does not answer.");
            return 1;
        }
    }

    @Command(name = "clean", mixinStandardHelpOptions = true,
            description = "Delete runs that finished before a date (with their task instances, tries, XComs and rendered "
                    + "fields) and asset events no consumer waits for; the audit log is kept.")
    static final class Clean implements java.util.concurrent.Callable<Integer> {
        @Mixin HomeOptions home;
        @picocli.CommandLine.Option(names = "--older-than", required = true, converter = OlderThan.class,
                description = "A date (2026-01-31), an instant, or an age in days (90d)") java.time.Instant before;
        @picocli.CommandLine.Option(names = "--dry-run", description = "Only count what would be deleted") boolean dryRun;
        @picocli.CommandLine.Option(names = {"-y", "--yes"}, description = "Do not ask; required when no terminal can answer")
        boolean yes;

        @Override
        public Integer call() {
            if (!dryRun && !yes && !Confirm.ask("This deletes every run that finished before " + before + ".")) {
                System.err.println("Nothing deleted: confirm with --yes, or count first with --dry-run.");
                return 2;
            }
            try (CliOperations cli = CliOperations.open(home)) {
                var trimmed = cli.ops().history().clean(cli.actor(), before, dryRun);
                System.out.println((dryRun ? "Would delete " : "Deleted ") + trimmed.runs() + " run(s) that finished before "
                        + before + " and " + trimmed.assetEvents() + " asset event(s); the audit log is kept.");
            }
            return 0;
        }
    }

    /** Reads {@code 90d} as 90 days ago, or a date or instant as {@link Dates} does. */
    static final class OlderThan implements picocli.CommandLine.ITypeConverter<java.time.Instant> {
        @Override
        public java.time.Instant convert(String value) {
            if (value.matches("\\d+d")) {
                return java.time.Instant.now().minus(java.time.Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1))));
            }
            return new Dates().convert(value);
        }
    }
}
