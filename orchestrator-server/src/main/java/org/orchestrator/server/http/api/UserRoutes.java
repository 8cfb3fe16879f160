package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.util.List;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.PathParams;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code /api/v1/users} and {@code /api/v1/roles}, for admins: list, create, re-role and delete users
 * (the operations {@code orchestrator users} uses, each audited), and the fixed roles they may hold.
 * Password hashes never leave the server.
 */
final class UserRoutes {

    /** Airflow's {@code UserCollectionItem}, reduced to what we keep. */
    record UserView(String username, List<RoleView> roles) {
    }

    /** A role and what it allows. */
    record RoleView(String name, String description) {
    }

    /** The list of users. */
    record Users(List<UserView> users, int totalEntries) {
    }

    /** The list of roles. */
    record Roles(List<RoleView> roles, int totalEntries) {
    }

    private static final List<RoleView> ROLES = List.of(
            new RoleView("viewer", "reads every DAG, run, log and setting; changes nothing"),
            new RoleView("op", "also triggers, clears, marks, pauses and deletes runs"),
            new RoleView("admin", "also manages users, API tokens, connections, variables and pools"));

    private final Api api;

    UserRoutes(Api api) {
        this.api = api;
    }

    void register(ApiRouter router) {
        router.add(Op.get("/api/v1/users", "get_users", "List users").role(Role.ADMIN)
                .returns(Response.of(Users.class)), this::list);
        router.add(Op.post("/api/v1/users", "post_user", "Create a user").role(Role.ADMIN)
                .body(Forms.UserForm.class).returns(Response.of(UserView.class)), this::create);
        router.add(Op.patch("/api/v1/users/{username}", "patch_user", "Change a user's role").role(Role.ADMIN)
                .body(Forms.UserForm.class).returns(Response.of(UserView.class)), this::changeRole);
        router.add(Op.delete("/api/v1/users/{username}", "delete_user", "Delete a user").role(Role.ADMIN), this::delete);
        router.add(Op.get("/api/v1/roles", "get_roles", "List roles").role(Role.ADMIN)
                .returns(Response.of(Roles.class)), this::roles);
    }

    private void list(Context ctx) {
        List<UserView> users = api.orchestrator().reads().users().stream()
                .map(u -> new UserView(u.username(), List.of(role(u.role())))).toList();
        ctx.json(new Users(users, users.size()));
    }

    private void create(Context ctx) {
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.UserForm.class);
        String username = required(body, "username");
        String role = required(body, "role");
        api.ops().accounts().createUser(Api.actor(ctx), username, required(body, "password"), role);
        ctx.status(200).json(new UserView(username, List.of(role(role))));
    }

    private void changeRole(Context ctx) {
        String username = PathParams.get(ctx, "username");
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.UserForm.class);
        if (body.has("password") || body.string("username").filter(u -> !u.equals(username)).isPresent()) {
            throw ApiProblem.badRequest("only 'role' can change; delete and create the user to rename it or reset its password");
        }
        String role = required(body, "role");
        if (Api.actor(ctx).name().equals(username) && !role.equals("admin")) {
            throw ApiProblem.badRequest("you cannot take the admin role from yourself");
        }
        api.ops().accounts().changeRole(Api.actor(ctx), username, role);
        ctx.json(new UserView(username, List.of(role(role))));
    }

    private void delete(Context ctx) {
        String username = PathParams.get(ctx, "username");
        if (Api.actor(ctx).name().equals(username)) {
            // An admin deleting their own account would lock the dashboard out from under them.
            throw ApiProblem.badRequest("you cannot delete your own user");
        }
        api.ops().accounts().deleteUser(Api.actor(ctx), username);
        ctx.status(204);
    }

    private void roles(Context ctx) {
        ctx.json(new Roles(ROLES, ROLES.size()));
    }

    private static RoleView role(String name) {
        return ROLES.stream().filter(r -> r.name().equals(name)).findFirst().orElse(new RoleView(name, "unknown role"));
    }

    private static String required(JsonBody body, String field) {
        return body.string(field).orElseThrow(() -> ApiProblem.badRequest("field '" + field + "' is required"));
    }
}
