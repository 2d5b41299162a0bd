package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.notice.Art33Notice;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

class NoticePathsTest {

    private static Art33Notice of(String pattern) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (pattern != null) {
            request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
        }
        return NoticePaths.notice(request);
    }

    @Test
    void theNoticeIsTheSegmentAfterNoticesOnTheApiAndThePages() {
        assertThat(of("/api/v1/incidents/{id}/notices/uk-gdpr-art33")).isEqualTo(Art33Notice.UK_GDPR);
        assertThat(of("/api/v1/incidents/{id}/notices/uk-gdpr-art33/versions/{version}"))
                .isEqualTo(Art33Notice.UK_GDPR);
        assertThat(of("/incidents/{id}/notices/uk-gdpr-art33/sent")).isEqualTo(Art33Notice.UK_GDPR);
        assertThat(of("/api/v1/incidents/{id}/notices/gdpr-art33/gaps")).isEqualTo(Art33Notice.EU_GDPR);
        assertThat(of("/incidents/{id}/notices/gdpr-art33")).isEqualTo(Art33Notice.EU_GDPR);
        assertThat(of(null)).isEqualTo(Art33Notice.EU_GDPR);
    }
}
