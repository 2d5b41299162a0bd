package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReminderPlanTest {
    private static final List<Duration> LEADS = List.of(Duration.ofHours(24), Duration.ofHours(4), Duration.ofHours(1));
    private final StoredObligation pending =
            LifecycleTest.obligation(StoredObligation.Placement.OWED, Lifecycle.Status.PENDING);
    private final Instant due = pending.due();

    @Test
    void nothingBeforeTheFirstLeadTime() {
        assertThat(ReminderPlan.due(List.of(pending), LEADS, Set.of(), due.minus(Duration.ofHours(25))))
                .isEmpty();
    }

    @Test
    void remindsExactlyWhenALeadTimeIsReached() {
        var r = ReminderPlan.due(List.of(pending), LEADS, Set.of(), due.minus(Duration.ofHours(24)));
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.leadTime()).isEqualTo(Duration.ofHours(24));
            assertThat(x.covers()).containsExactly(Duration.ofHours(24));
        });
    }

    @Test
    void doesNotRemindTwiceForOneLeadTime() {
        Set<String> sent = Set.of(ReminderPlan.key(pending.id(), Duration.ofHours(24), due));
        assertThat(ReminderPlan.due(List.of(pending), LEADS, sent, due.minus(Duration.ofHours(5))))
                .isEmpty();
        assertThat(ReminderPlan.due(List.of(pending), LEADS, sent, due.minus(Duration.ofHours(4))))
                .singleElement()
                .satisfies(x -> assertThat(x.leadTime()).isEqualTo(Duration.ofHours(4)));
    }

    @Test
    void sendsOneMessageForLeadTimesReachedTogether() {
        var r = ReminderPlan.due(List.of(pending), LEADS, Set.of(), due.minus(Duration.ofMinutes(30)));
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.leadTime()).isEqualTo(Duration.ofHours(1));
            assertThat(x.covers()).containsExactly(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24));
        });
    }

    @Test
    void remindsAgainWhenTheDeadlineMoves() {
        Set<String> sent = Set.of(ReminderPlan.key(pending.id(), Duration.ofHours(24), due.plusSeconds(3600)));
        assertThat(ReminderPlan.due(List.of(pending), LEADS, sent, due.minus(Duration.ofHours(23))))
                .hasSize(1);
    }

    @Test
    void skipsFiledSupersededAndOpenEndedObligations() {
        var filed = LifecycleTest.obligation(StoredObligation.Placement.OWED, Lifecycle.Status.FILED);
        var gone = LifecycleTest.obligation(StoredObligation.Placement.SUPERSEDED, Lifecycle.Status.PENDING);
        assertThat(ReminderPlan.due(List.of(filed, gone), LEADS, Set.of(), due)).isEmpty();
    }

    @Test
    void messageSaysWhatWhenAndWhoAndEscapesSlackControlCharacters() {
        String text = ReminderMessage.text(
                pending,
                "Leak <via> R&D",
                ZoneId.of("Europe/Berlin"),
                Duration.ofHours(4),
                due.minus(Duration.ofHours(3)));
        assertThat(text)
                .contains(
                        "EU GDPR notice to SUPERVISORY_AUTHORITY (EU) is due 2026-11-29 08:00 +01:00 (Europe/Berlin) (2026-11-29T07:00:00Z)")
                .contains("in 3 h.")
                .startsWith("Tandem reminder, set for 4 h before the deadline: ")
                .contains("Leak &lt;via&gt; R&amp;D")
                .contains("GDPR Art. 33(1), (3) [PRIMARY]")
                .contains("Owner: unassigned")
                .doesNotContain("<via>");
        String late = ReminderMessage.text(
                pending, "x", ZoneId.of("UTC"), Duration.ofHours(1), due.plus(Duration.ofMinutes(90)));
        assertThat(late).contains("OVERDUE by 1 h 30 min");
        // told where its days end, then in the incident's zone
        assertThat(ReminderMessage.text(
                        pending,
                        "x",
                        ZoneId.of("Europe/Berlin"),
                        ZoneId.of("America/Chicago"),
                        Duration.ofHours(4),
                        due.minus(Duration.ofHours(3))))
                .contains("is due 2026-11-29 01:00 -06:00 (America/Chicago), 2026-11-29 08:00 +01:00 (Europe/Berlin)"
                        + " (2026-11-29T07:00:00Z)");
        // a lead time of whole days reads so, without "0 h 0 min"
        assertThat(ReminderMessage.words(Duration.ofDays(3))).isEqualTo("3 d");
        assertThat(ReminderMessage.words(Duration.ofMinutes(3 * 1440 - 1))).isEqualTo("2 d 23 h 59 min");
        assertThat(ReminderMessage.words(Duration.ZERO)).isEqualTo("0 min");
    }
}
