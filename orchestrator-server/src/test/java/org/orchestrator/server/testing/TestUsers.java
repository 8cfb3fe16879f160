package org.orchestrator.server.testing;

import java.time.Clock;
import java.util.List;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.ops.AccountActions;
import org.orchestrator.server.ops.Actor;
import org.orchestrator.server.ops.Operations;
import org.orchestrator.server.state.Database;

/** One user per role, named after it, with the password {@code <name>-password}. */
public final class TestUsers {

    /** The users, which are also their roles. */
    public static final List<String> ROLES = List.of("admin", "op", "viewer");

    private TestUsers() {
    }

    /** @param orchestrator the engine whose database gets the users */
    public static void createOnePerRole(Orchestrator orchestrator) {
        ROLES.forEach(name -> create(orchestrator.database(), name, password(name), name));
    }

    /** Creates a user as the command line would ({@code cli:<os user>}, audited). */
    public static void create(Database database, String name, String password, String role) {
        accounts(database).createUser(Actor.cli(), name, password, role);
    }

    /** @return the account operations over a database, for a test that runs no engine or wants no HTTP */
    public static AccountActions accounts(Database database) {
        return Operations.withoutLoops(database.transactions(), Clock.systemUTC(), () -> {
            throw new IllegalStateException("account actions never need the secrets' key");
        }).accounts();
    }

    /** @param name a user @return its password */
    public static String password(String name) {
        return name + "-password";
    }
}
