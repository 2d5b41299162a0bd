package dev.tandem.regulation.notice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The gaps a GDPR Art. 33 notice still has before it is sent, without Spring. */
class NoticeGapsTest {

    @Test
    void listsEachGapOnceInOrder() {
        String text = "## Nature\n[to be completed: start of the breach] to ongoing\n\n"
                + "## Consequences\n[to be completed: likely consequences]\n"
                + "Taken: [to be completed: start of the breach]\n";
        assertThat(NoticeGaps.of(text, false)).containsExactly("start of the breach", "likely consequences");
    }

    @Test
    void aCompleteNoticeInTimeHasNone() {
        assertThat(NoticeGaps.of("# Notification\n\nAll said.\n", false)).isEmpty();
    }

    @Test
    void aLateNoticeNeedsTheReasonsForTheDelay() {
        // GDPR Art. 33(1): "where the notification ... is not made within 72 hours, it shall be
        // accompanied by reasons for the delay"
        assertThat(NoticeGaps.of("# Notification\n\nAll said.\n", true)).containsExactly(NoticeGaps.DELAY);
        assertThat(NoticeGaps.of("## Reasons for the delay\n\nThe logs arrived on day 4.\n", true))
                .isEmpty();
        // the draft's own gap for them counts once
        assertThat(NoticeGaps.of("[to be completed: reasons for notifying later than 72 hours]", true))
                .containsExactly("reasons for notifying later than 72 hours");
    }

    @Test
    void aLateUkNoticeCitesTheUkGdprForTheDelay() {
        assertThat(NoticeGaps.of("# Notification\n\nAll said.\n", true, Art33Notice.UK_GDPR))
                .containsExactly("reasons for notifying later than 72 hours (UK GDPR Art. 33(1))");
        assertThat(NoticeGaps.DELAY).isEqualTo("reasons for notifying later than 72 hours (GDPR Art. 33(1))");
    }
}
