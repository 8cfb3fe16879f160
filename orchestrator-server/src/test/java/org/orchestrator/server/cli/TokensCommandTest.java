package org.orchestrator.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.orchestrator.server.testing.TestEngine;

class TokensCommandTest {

    @Test
    void a_token_is_printed_once_and_can_be_revoked_by_id() {
        Path home = TestEngine.fresh();
        String h = home.toString();
        assertThat(CliRunner.run("users", "create", "ci-bot", "--role", "op", "--password", "pw-123456", "--home", h).exitCode()).isZero();

        CliRunner.Result created = CliRunner.run("tokens", "create", "ci-bot", "--name", "ci", "--home", h);

        assertThat(created.exitCode()).as(created.out()).isZero();
        assertThat(created.out()).containsPattern("orc_[0-9a-f]{12}_");
        String id = created.out().replaceAll("(?s)^Token (\\d+).*", "$1");
        assertThat(CliRunner.run("tokens", "revoke", id, "--home", h).exitCode()).isZero();
        assertThat(CliRunner.run("tokens", "revoke", id, "--home", h).exitCode()).isEqualTo(1);
        assertThat(CliRunner.run("tokens", "create", "nobody", "--home", h).exitCode()).isEqualTo(1);
    }
}
