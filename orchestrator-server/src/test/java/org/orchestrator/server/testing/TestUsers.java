package org.orchestrator.server.testing;

import java.time.Clock;
import java.util.List;
import org.orchestrator.server.Orchestrator;
import org.orchestrator.server.http.auth.UserAdmin;

/** One user per role, named after it, with the password {@code <name>-password}. */
public final class TestUsers {

    /** The users, which are also their roles. */
    public static final List<String> ROLES = List.of("admin", "op", "viewer");

    private TestUsers() {
    }

    /** @param orchestrator the engine whose database gets the users */
    public static void createOnePerRole(Orchestrator orchestrator) {
        UserAdmin users = new UserAdmin(orchestrator.database().transactions(), Clock.systemUTC());
        ROLES.forEach(name -> users.create(name, password(name), name));
    }

    /** @param name a user @return its password */
    public static String password(String name) {
        return name + "-password";
    }
}
