package org.orchestrator.server.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.databind.node.TextNode;
import org.orchestrator.api.Connection;
import org.orchestrator.api.OrchestratorException;
import org.orchestrator.server.connect.ConnectionSpecs;
import org.orchestrator.server.connect.ConnectionStore;
import org.orchestrator.server.ops.OperationException;
import org.orchestrator.server.connect.UrlCredentials;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connections add|list|delete}: connections in the database, secrets encrypted; passwords never printed. */
@Command(name = "connections", mixinStandardHelpOptions = true, description = "Manage connections (secrets stored encrypted).",
        subcommands = {ConnectionsCommand.Add.class, ConnectionsCommand.ListAll.class, ConnectionsCommand.Delete.class})
final class ConnectionsCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a connection from a URI (or JSON, or a jdbc: URL), or from its parts.")
    static final class Add implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "Connection id") String id;
        @ArgGroup(exclusive = true, multiplicity = "1") Source source;
        @Option(names = "--conn-description", description = "What the connection is for") String description;

        static final class Source {
            @Option(names = "--conn-uri", required = true,
                    description = "e.g. postgresql://user:pass@db:5432/analytics, https://user:pass@api.example.com/v1?token=t")
            String uri;
            @ArgGroup(exclusive = false) Parts parts;
        }

        static final class Parts {
            @Option(names = "--conn-type", required = true, description = "jdbc, http, smtp, webhook, ...") String type;
            @Option(names = "--conn-url", required = true, description = "JDBC URL, base URL, smtp://host:port, ...") String url;
            @Option(names = "--conn-login", description = "User name") String login;
            @Option(names = "--conn-password", description = "Password") String password;
            @Option(names = "--conn-extra", description = "Further settings as a JSON object, e.g. {\"from\": \"etl@example.com\"}") String extra;
        }

        @Override
        public Integer call() {
            try (CliOperations cli = CliOperations.open(home)) {
                Connection c = connection();
                cli.ops().connections().add(cli.actor(), c, description);
                System.out.println("Connection '" + id + "' added (" + c.type() + ", " + c.url() + ").");
                return 0;
            } catch (OperationException e) {
                System.err.println(e.getMessage() + (e.kind() == OperationException.Kind.ALREADY_EXISTS ? "; delete it first" : ""));
                return 1;
            } catch (OrchestratorException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }

        private Connection connection() {
            if (source.uri != null) {
                return ConnectionSpecs.parse(id, source.uri);
            }
            Parts p = source.parts;
            Map<String, String> extra = p.extra == null ? Map.of() : ConnectionSpecs.extras(id, new TextNode(p.extra));
            return new Connection(id, p.type, ConnectionSpecs.withoutCredentials(id, p.url), p.login, p.password, extra);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List connections (never their secrets).")
    static final class ListAll implements Callable<Integer> {
        @Mixin HomeOptions home;

        @Override
        public Integer call() {
            try (SecretsHome secrets = new SecretsHome(home)) {
                ConnectionStore store = secrets.connections();
                var all = secrets.database().transactions().withHandle(h -> store.list(h, Integer.MAX_VALUE, 0));
                System.out.printf("%-30s %-10s %-20s %s%n", "ID", "TYPE", "LOGIN", "URL");
                all.forEach(c -> System.out.printf("%-30s %-10s %-20s %s%n", c.id(), c.type(),
                        c.login() == null ? "" : c.login(), UrlCredentials.masked(c.url())));
                return 0;
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a connection.")
    static final class Delete implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Parameters(index = "0", description = "Connection id") String id;

        @Override
        public Integer call() {
            return CliOperations.run(home, (ops, actor) -> ops.connections().delete(actor, id),
                    "Connection '" + id + "' deleted.", "No connection '" + id + "'.");
        }
    }
}
