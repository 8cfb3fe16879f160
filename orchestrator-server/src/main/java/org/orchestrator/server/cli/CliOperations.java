package org.orchestrator.server.cli;

import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.orchestrator.server.config.ServerConfig;
import org.orchestrator.server.connect.SecretCipher;
import org.orchestrator.server.connect.SecretKeys;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.ops.OperationException;
import org.orchestrator.server.ops.Operations;
import org.orchestrator.server.state.Database;
import org.orchestrator.server.state.Reads;

/**
 * The operations on a home's database for the mutating commands, acting as {@code cli:<os user>}.
 * No engine runs here: a running server's sweep picks the changes up. The secret key is read
 * only by the commands that need it (connections, variables).
 */
final class CliOperations implements AutoCloseable {

    /** For actions that never touch a secret (users, tokens): asking it for the key is a bug. */
    static final Supplier<SecretCipher> NO_SECRETS = () -> {
        throw new IllegalStateException("this command does not open the secrets' key");
    };

    private final Database database;
    private final Operations ops;

    private CliOperations(Database database, Operations ops) {
        this.database = database;
        this.ops = ops;
    }

    static CliOperations open(HomeOptions home) {
        ServerConfig config = home.config();
        Database database = Database.openCurrent(config);
        Clock clock = Clock.systemUTC();
        return new CliOperations(database, Operations.withoutLoops(database, clock,
                new LazyCipher(config, home)::get, config.confUnknownKeys()));
    }

    Operations ops() {
        return ops;
    }

    Actor actor() {
        return Actor.cli();
    }

    Database database() {
        return database;
    }

    /**
     * Runs one action as {@code cli:<os user>} and says how it went.
     *
     * @param done    printed when it ran
     * @param refused printed when the operations refused it (unknown id, ...)
     * @return the exit code: 0 when it ran, 1 when it was refused
     */
    static int run(HomeOptions home, BiConsumer<Operations, Actor> action, String done, String refused) {
        try (CliOperations cli = open(home)) {
            action.accept(cli.ops(), cli.actor());
            System.out.println(done);
            return 0;
        } catch (OperationException e) {
            System.out.println(refused);
            return 1;
        }
    }

    /**
     * Answers a question from the home's database alone: no bundle is loaded, no engine started.
     *
     * @return what the query read
     */
    static <T> T read(HomeOptions home, Function<Reads, T> query) {
        try (Database database = Database.openCurrent(home.config())) {
            return query.apply(database.reads());
        }
    }

    @Override
    public void close() {
        database.close();
    }

    /** Loads the home's secret key on first use, once. */
    private static final class LazyCipher {
        private final ServerConfig config;
        private final HomeOptions home;
        private SecretCipher cipher;

        LazyCipher(ServerConfig config, HomeOptions home) {
            this.config = config;
            this.home = home;
        }

        synchronized SecretCipher get() {
            if (cipher == null) {
                cipher = SecretKeys.load(config.home(), home.environment());
            }
            return cipher;
        }
    }
}
