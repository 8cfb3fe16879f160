package org.orchestrator.server.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.orchestrator.server.http.ApiProblem;

/** The role check the API guard and the dashboard's session gate share (both are exercised end to end in AuthApiTest and WebSessionTest). */
class RouteAccessTest {

    @Test
    void a_role_includes_the_roles_below_it() {
        assertThatCode(() -> RouteAccess.check(new Principal("ada", Role.OP), Role.VIEWER)).doesNotThrowAnyException();
        assertThatCode(() -> RouteAccess.check(new Principal("root", Role.ADMIN), Role.OP)).doesNotThrowAnyException();
    }

    @Test
    void a_lower_role_is_forbidden_and_told_which_role_it_needs() {
        assertThatThrownBy(() -> RouteAccess.check(new Principal("vic", Role.VIEWER), Role.OP))
                .isInstanceOfSatisfying(ApiProblem.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("user 'vic' has role viewer; this needs role op or higher");
    }
}
