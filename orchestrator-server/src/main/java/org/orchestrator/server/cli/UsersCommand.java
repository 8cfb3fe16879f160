package org.orchestrator.server.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.orchestrator.server.http.auth.UserAdmin;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code users create|list|delete}. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users.",
        subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class, UsersCommand.Delete.class})
final class UsersCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user with a role (admin, op, viewer).")
    static final class Create implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "User name") String username;
        @Option(names = "--role", required = true, description = "admin, op or viewer") String role;
        @Option(names = "--password", required = true, interactive = true, arity = "0..1",
                description = "Password (asked for when no value is given)") String password;

        @Override
        public Integer call() {
            try (CliOperations cli = CliOperations.open(home)) {
                cli.ops().accounts().createUser(cli.actor(), username, password, role);
                System.out.println("User '" + username + "' created with role " + role + ".");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin HomeOptions home;

        @Override
        public Integer call() {
            try (Database database = Database.open(home.config())) {
                for (Users.UserRow user : new UserAdmin(database.transactions(), Clock.systemUTC()).list()) {
                    System.out.printf("%-30s %s%n", user.username(), user.role());
                }
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user.")
    static final class Delete implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "User name") String username;

        @Override
        public Integer call() {
            return CliOperations.run(home, (ops, actor) -> ops.accounts().deleteUser(actor, username),
                    "User '" + username + "' deleted.", "No user '" + username + "'.");
        }
    }
}
