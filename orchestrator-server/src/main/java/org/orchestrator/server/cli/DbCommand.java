package org.orchestrator.server.cli;

import java.util.concurrent.Callable;
import org.orchestrator.server.state.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code db migrate}: brings the schema up to date (the server also does this at start). */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
        subcommands = DbCommand.Migrate.class)
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
}
