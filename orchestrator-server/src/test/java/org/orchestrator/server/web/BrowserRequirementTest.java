package org.orchestrator.server.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing Chromium skips the browser tests on a developer's machine and fails them where CI requires it. */
class BrowserRequirementTest {

    @Test
    void a_missing_browser_skips_the_test_when_the_variable_is_unset_or_not_1() {
        assertThatThrownBy(() -> Browser.requireOrSkip(false, null)).isInstanceOf(TestAbortedException.class);
        assertThatThrownBy(() -> Browser.requireOrSkip(false, "0")).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void a_missing_browser_fails_the_test_when_the_variable_is_1() {
        assertThatThrownBy(() -> Browser.requireOrSkip(false, "1")).isInstanceOf(AssertionError.class)
                .isNotInstanceOf(TestAbortedException.class)
                .hasMessageContaining("/usr/bin/chromium").hasMessageContaining(Browser.REQUIRED_ENV + "=1");
    }

    @Test
    void an_installed_browser_runs_the_test_either_way() {
        assertThatCode(() -> Browser.requireOrSkip(true, null)).doesNotThrowAnyException();
        assertThatCode(() -> Browser.requireOrSkip(true, "1")).doesNotThrowAnyException();
    }
}
