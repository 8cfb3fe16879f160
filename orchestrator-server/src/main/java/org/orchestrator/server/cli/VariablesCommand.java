package org.orchestrator.server.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.orchestrator.server.connect.SecretMasker;
import org.orchestrator.server.connect.VariableStore;
import org.orchestrator.server.connect.VariableStore.Variable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code variables set|get|list|delete}: variables in the database, stored encrypted. {@code list}
 * shows secret-looking keys' values as {@code ***}; {@code get} prints the value itself.
 */
@Command(name = "variables", mixinStandardHelpOptions = true, description = "Manage variables (stored encrypted).",
        subcommands = {VariablesCommand.Set.class, VariablesCommand.Get.class, VariablesCommand.ListAll.class,
                VariablesCommand.Delete.class})
final class VariablesCommand {

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Create or replace a variable.")
    static final class Set implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "Key") String key;
        @Parameters(index = "1", description = "Value") String value;
        @Option(names = "--description", description = "What it is for") String description;

        @Override
        public Integer call() {
            try (CliOperations cli = CliOperations.open(home)) {
                cli.ops().variables().set(cli.actor(), new Variable(key, value, description));
                System.out.println("Variable '" + key + "' set.");
                return 0;
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print a variable's value.")
    static final class Get implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "Key") String key;

        @Override
        public Integer call() {
            try (SecretsHome secrets = new SecretsHome(home)) {
                VariableStore store = secrets.variables();
                Optional<Variable> found = secrets.database().transactions().withHandle(h -> store.find(h, key));
                if (found.isEmpty()) {
                    System.err.println("no variable '" + key + "'");
                    return 1;
                }
                System.out.println(found.get().value());
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List variables (secret-looking values as ***).")
    static final class ListAll implements Callable<Integer> {
        @Mixin HomeOptions home;

        @Override
        public Integer call() {
            try (SecretsHome secrets = new SecretsHome(home)) {
                VariableStore store = secrets.variables();
                for (Variable v : secrets.database().transactions().withHandle(h -> store.list(h, Integer.MAX_VALUE, 0))) {
                    System.out.println(v.key() + "=" + (SecretMasker.isSensitive(v.key()) ? SecretMasker.MASK : v.value()));
                }
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a variable.")
    static final class Delete implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "Key") String key;

        @Override
        public Integer call() {
            return CliOperations.run(home, (ops, actor) -> ops.variables().delete(actor, key),
                    "Variable '" + key + "' deleted.", "No variable '" + key + "'.");
        }
    }
}
