package org.orchestrator.server.http.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import org.orchestrator.server.http.ApiProblem;
import org.orchestrator.server.ops.Credentials;
import org.orchestrator.server.http.JsonBody;
import org.orchestrator.server.http.auth.AccessGuard;
import org.orchestrator.server.http.auth.Principal;
import org.orchestrator.server.http.auth.Role;
import org.orchestrator.server.http.auth.TokenAdmin;
import org.orchestrator.server.state.TokenRow;
import org.orchestrator.server.http.openapi.ApiRouter;
import org.orchestrator.server.http.openapi.Op;
import org.orchestrator.server.http.openapi.Response;

/**
 * {@code /api/v1/tokens} (ours; Airflow has none): every user creates, lists and revokes their
 * own API tokens; an admin does so for anyone. The token is in the answer to its creation and
 * nowhere else, never in a list, a log or the audit log.
 */
final class TokenRoutes {

    private final Api api;
    private final TokenAdmin tokens;

    /** A token as listed: its prefix, never the token. */
    record TokenView(long tokenId, String prefix, String username, String name, Instant createdAt, Instant revokedAt) {
        static TokenView of(TokenRow row) {
            return new TokenView(row.id(), row.prefix(), row.username(), row.name(), row.createdAt(), row.revokedAt());
        }
    }

    /** A new token: the only answer that carries it. */
    record NewToken(long tokenId, String token, String username, String name) {
    }

    /** The list of tokens. */
    record Tokens(List<TokenView> tokens, int totalEntries) {
    }

    TokenRoutes(Api api) {
        this.api = api;
        this.tokens = new TokenAdmin(api.orchestrator().database().transactions(), api.orchestrator().clock());
    }

    void register(ApiRouter router) {
        router.add(Op.post("/api/v1/tokens", "post_token", "Create an API token (shown once)").role(Role.VIEWER)
                .body(Forms.TokenForm.class).returns(Response.of(NewToken.class)), this::create);
        router.add(Op.get("/api/v1/tokens", "get_tokens", "List your API tokens (admins: everyone's)").role(Role.VIEWER)
                .returns(Response.of(Tokens.class)), this::list);
        router.add(Op.delete("/api/v1/tokens/{token_id}", "delete_token", "Revoke an API token").role(Role.VIEWER),
                this::revoke);
    }

    private void create(Context ctx) {
        Principal me = me(ctx);
        JsonBody body = JsonBody.of(ctx).allowOnly(Forms.TokenForm.class);
        String owner = body.string("username").orElse(me.username());
        if (!owner.equals(me.username()) && me.role() != Role.ADMIN) {
            throw ApiProblem.forbidden("only an admin creates tokens for other users");
        }
        Credentials.NewToken created = api.ops().accounts().createToken(Api.actor(ctx), owner, body.string("name").orElse(null));
        ctx.json(new NewToken(created.id(), created.token(), owner, body.string("name").orElse(null)));
    }

    private void list(Context ctx) {
        Principal me = me(ctx);
        List<TokenView> views = tokens.list(me.role() == Role.ADMIN ? null : me.username()).stream().map(TokenView::of).toList();
        ctx.json(new Tokens(views, views.size()));
    }

    private void revoke(Context ctx) {
        Principal me = me(ctx);
        long id = Api.longParam(ctx, "token_id");
        // Another user's token is "not found" to a non-admin: its existence is not theirs to learn.
        tokens.find(id).filter(row -> me.role() == Role.ADMIN || row.username().equals(me.username()))
                .orElseThrow(() -> ApiProblem.notFound("token " + id + " not found"));
        api.ops().accounts().revokeToken(Api.actor(ctx), id);
        ctx.status(204);
    }

    private static Principal me(Context ctx) {
        return AccessGuard.principal(ctx).orElseThrow(() -> ApiProblem.unauthenticated("no user on this request"));
    }
}
