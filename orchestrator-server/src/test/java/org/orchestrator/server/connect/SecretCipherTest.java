package org.orchestrator.server.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    @TempDir Path home;

    @Test
    void a_secret_round_trips_and_each_encryption_uses_a_fresh_iv() {
        SecretCipher cipher = SecretKeys.load(home, Map.of());

        String first = cipher.encrypt("hunter2-password");
        String second = cipher.encrypt("hunter2-password");

        assertThat(first).startsWith("v1:").doesNotContain("hunter2").isNotEqualTo(second);
        assertThat(cipher.decrypt(first, "x")).isEqualTo("hunter2-password");
        assertThat(cipher.decrypt(second, "x")).isEqualTo("hunter2-password");
    }

    @Test
    void the_generated_key_file_is_owner_only_and_reused_on_the_next_start() throws Exception {
        String stored = SecretKeys.load(home, Map.of()).encrypt("kept");
        Path file = home.resolve(SecretKeys.FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretKeys.load(home, Map.of()).decrypt(stored, "x")).isEqualTo("kept");
    }

    @Test
    void the_environment_key_wins_over_the_file() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        String stored = SecretKeys.load(home, Map.of(SecretKeys.ENV, key)).encrypt("from-env");

        assertThat(new SecretCipher(new byte[32], "test").decrypt(stored, "x")).isEqualTo("from-env");
        assertThat(home.resolve(SecretKeys.FILE)).doesNotExist();
    }

    @Test
    void a_wrong_key_is_a_clear_error_not_garbage() {
        String stored = SecretKeys.load(home, Map.of()).encrypt("secret-value");
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        SecretCipher wrong = SecretKeys.load(home, Map.of(SecretKeys.ENV, other));

        assertThatThrownBy(() -> wrong.decrypt(stored, "password of connection 'db'"))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("password of connection 'db'")
                .hasMessageContaining("encrypted with another key")
                .hasMessageContaining(SecretKeys.ENV);
    }

    @Test
    void a_bad_configured_key_or_a_damaged_value_is_reported() {
        assertThatThrownBy(() -> SecretKeys.load(home, Map.of(SecretKeys.ENV, "not base64!")))
                .isInstanceOf(SecretException.class).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> SecretKeys.load(home, Map.of(SecretKeys.ENV, "AAAA")))
                .isInstanceOf(SecretException.class).hasMessageContaining("16, 24 or 32 bytes");
        SecretCipher cipher = SecretKeys.load(home, Map.of());
        assertThatThrownBy(() -> cipher.decrypt("plain text", "value of variable 'v'"))
                .isInstanceOf(SecretException.class).hasMessageContaining("not in a known encrypted format");
        assertThatThrownBy(() -> cipher.decrypt("v1:AAAA", "value of variable 'v'"))
                .isInstanceOf(SecretException.class).hasMessageContaining("truncated");
    }
}
