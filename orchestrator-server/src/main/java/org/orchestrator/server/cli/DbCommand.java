package org.orchestrator.server.cli;

import java.util.concurrent.Callable;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.state.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db migrate}: brings the schema up to date (the server also does this at start); {@code db check}. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Check.class})
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
}
