package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;

class FormTokensTest {
    private final MockHttpSession session = new MockHttpSession();
    private final AtomicInteger created = new AtomicInteger();

    private String post(String token) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/incidents/i/changes");
        request.setSession(session);
        return FormTokens.once(request, token, () -> "redirect:/changes/c" + created.incrementAndGet() + "?requested");
    }

    @Test
    void aTokenSentTwiceCreatesOnceAndLeadsTheSecondToTheFirstResult() {
        String token = FormTokens.issue();
        assertThat(post(token)).isEqualTo("redirect:/changes/c1?requested");
        assertThat(post(token)).isEqualTo("redirect:/changes/c1?sentTwice");
        assertThat(created).hasValue(1);
        assertThat(post(FormTokens.issue())).as("another form").isEqualTo("redirect:/changes/c2?requested");
    }

    @Test
    void aRefusedPostDoesNotSpendItsToken() {
        String token = FormTokens.issue();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/incidents/i/changes");
        request.setSession(session);
        assertThat(FormTokens.once(request, token, () -> "changes/new")).isEqualTo("changes/new");
        assertThat(post(token)).isEqualTo("redirect:/changes/c1?requested");
    }

    @Test
    void withoutATokenEveryPostCreates() {
        post(null);
        post("");
        assertThat(created).hasValue(2);
    }

    @Test
    void theSecondAnswerKeepsTheFragmentAndDropsTheFirstOnesQuery() {
        assertThat(FormTokens.sentTwice("/incidents/i?added=7#entry-7")).isEqualTo("/incidents/i?sentTwice#entry-7");
        assertThat(FormTokens.sentTwice("/incidents/i?opened", "opened")).isEqualTo("/incidents/i?sentTwice=opened");
        assertThat(FormTokens.sentTwice("/incidents/i/audit#request-r"))
                .isEqualTo("/incidents/i/audit?sentTwice#request-r");
    }
}
