package org.orchestrator.server.cli;

import java.util.concurrent.Callable;
import org.orchestrator.server.ops.AccountActions;
import org.orchestrator.server.ops.OperationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tokens create|revoke}: API tokens for {@code Authorization: Bearer}; stored hashed, shown once. */
@Command(name = "tokens", mixinStandardHelpOptions = true, description = "Manage API tokens (Authorization: Bearer).",
        subcommands = {TokensCommand.Create.class, TokensCommand.Revoke.class})
final class TokensCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token for a user; it is printed once, never stored in clear.")
    static final class Create implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "User the token acts as") String username;
        @Option(names = "--name", description = "What the token is for, e.g. 'ci'") String name;

        @Override
        public Integer call() {
            try (CliOperations cli = CliOperations.open(home)) {
                AccountActions.NewToken created = cli.ops().accounts().createToken(cli.actor(), username, name);
                System.out.println("Token " + created.id() + " for '" + username + "' (shown only now):");
                System.out.println(created.token());
                return 0;
            } catch (OperationException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
    static final class Revoke implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "Token id") long id;

        @Override
        public Integer call() {
            try (CliOperations cli = CliOperations.open(home)) {
                boolean revoked = cli.ops().accounts().revokeToken(cli.actor(), id);
                System.out.println(revoked ? "Token " + id + " revoked." : "No active token " + id + ".");
                return revoked ? 0 : 1;
            } catch (OperationException e) {
                System.out.println("No active token " + id + ".");
                return 1;
            }
        }
    }
}
