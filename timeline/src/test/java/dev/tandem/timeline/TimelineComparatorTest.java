package dev.tandem.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matcher on planted differences, without Spring. */
class TimelineComparatorTest {
    private static final Instant T = Instant.parse("2026-11-26T08:00:00Z");

    private static Ours ours(long index, int minutes, String text) {
        return new Ours(index, "timeline.entry", T.plus(Duration.ofMinutes(minutes)), "alice", text);
    }

    private static Theirs theirs(long line, int minutes, String text) {
        return new Theirs(line, T.plus(Duration.ofMinutes(minutes)), "audit lead", text);
    }

    @Test
    void findsAnEventMissingOnEachSideATimeShiftedBy40MinutesAndMatchesNearDuplicateWording() {
        List<Ours> here = List.of(
                ours(3, 0, "Alert from the SIEM: unusual export from the CRM"),
                ours(5, 30, "Attacker exported the customer table"),
                ours(7, 90, "Firewall rule blocks the attacker's IP address"),
                ours(9, 240, "Legal counsel briefed the board"));
        List<Theirs> there = List.of(
                theirs(2, 2, "SIEM alert: unusual CRM export"),
                theirs(3, 35, "Customer table exports by the attacker"),
                theirs(4, 130, "Firewall rule blocked attacker IP address"),
                theirs(5, 200, "Regulator called about the breach"));

        Comparison c = TimelineComparator.compare(here, there, Method.defaults());

        assertThat(c.missingHere()).extracting(m -> m.there().line()).containsExactly(5L);
        assertThat(c.missingThere()).extracting(m -> m.here().ledgerIndex()).containsExactly(9L);
        assertThat(c.timeDiffers()).singleElement().satisfies(m -> {
            assertThat(m.here().ledgerIndex()).isEqualTo(7);
            assertThat(m.there().line()).isEqualTo(4);
            assertThat(m.difference()).isEqualTo(Duration.ofMinutes(-40));
            assertThat(m.score()).isBetween(0.5, 1.0);
        });
        assertThat(c.matched())
                .extracting(m -> m.here().ledgerIndex() + "~" + m.there().line())
                .containsExactly("3~2", "5~3", "7~4");
        // "exported … customer table" and "Customer table exports": the stems make them one wording
        assertThat(c.matched().get(1).text()).isGreaterThan(0.8);
    }

    @Test
    void anAmbiguousPairGoesToTheCloserTimeAndTheOtherIsReportedWithItsClosest() {
        List<Ours> here = List.of(ours(4, 0, "Call with the regulator"));
        List<Theirs> there = List.of(theirs(2, 25, "Call with regulator"), theirs(3, 5, "Call with the regulator"));

        Comparison c = TimelineComparator.compare(here, there, Method.defaults());

        assertThat(c.matched())
                .singleElement()
                .satisfies(m -> assertThat(m.there().line()).isEqualTo(3));
        assertThat(c.missingHere()).singleElement().satisfies(m -> {
            assertThat(m.there().line()).isEqualTo(2);
            assertThat(m.closest()).isNotNull();
            assertThat(m.closest().here().ledgerIndex()).isEqualTo(4);
        });
        assertThat(c.missingThere()).isEmpty();
        assertThat(c.timeDiffers()).isEmpty();
    }

    @Test
    void twoRepeatedEventsPairUpByTimeNotCrosswise() {
        List<Ours> here = List.of(ours(1, 0, "Status call"), ours(2, 60, "Status call"));
        List<Theirs> there = List.of(theirs(2, 58, "Status call"), theirs(3, 3, "status call"));

        Comparison c = TimelineComparator.compare(here, there, Method.defaults());

        assertThat(c.matched())
                .extracting(m -> m.here().ledgerIndex() + "~" + m.there().line())
                .containsExactly("2~2", "1~3");
        assertThat(c.timeDiffers()).isEmpty();
    }

    @Test
    void eventsAtTheSameTimeWithNothingInCommonAreNotMatched() {
        Comparison c = TimelineComparator.compare(
                List.of(ours(1, 0, "Backups verified")),
                List.of(theirs(2, 0, "Customer complaint received")),
                Method.defaults());

        assertThat(c.matched()).isEmpty();
        assertThat(c.missingHere()).hasSize(1);
        assertThat(c.missingThere()).hasSize(1);
    }

    @Test
    void anEventBeyondTheWindowIsMissingOnBothSidesNotDiffering() {
        Comparison c = TimelineComparator.compare(
                List.of(ours(1, 0, "Containment declared")),
                List.of(theirs(2, 180, "Containment declared")),
                Method.defaults());

        assertThat(c.matched()).isEmpty();
        assertThat(c.missingHere()).hasSize(1);
        assertThat(c.missingThere()).hasSize(1);
    }

    @Test
    void aWiderToleranceWidensTheWindowAndAcceptsTheShift() {
        List<Ours> here = List.of(ours(1, 0, "Containment declared"));
        List<Theirs> there = List.of(theirs(2, 40, "Containment declared"));

        assertThat(TimelineComparator.compare(here, there, Method.defaults()).timeDiffers())
                .hasSize(1);
        Method wide = Method.withTolerance(Duration.ofHours(1));
        assertThat(wide.window()).isEqualTo(Duration.ofHours(4));
        Comparison c = TimelineComparator.compare(here, there, wide);
        assertThat(c.timeDiffers()).isEmpty();
        assertThat(c.matched()).hasSize(1);
    }

    @Test
    void aTimeInsideOurEntrysPrecisionDiffersByNothing() {
        Ours toTheHour = new Ours(1, "timeline.entry", T, Duration.ofHours(1), "alice", "Customer complaint received");
        Comparison c = TimelineComparator.compare(
                List.of(toTheHour), List.of(theirs(2, 50, "Customer complaint received")), Method.defaults());

        assertThat(c.timeDiffers()).isEmpty();
        assertThat(c.matched()).singleElement().satisfies(m -> {
            assertThat(m.distance()).isZero();
            assertThat(m.difference()).isEqualTo(Duration.ofMinutes(-50));
        });
    }

    @Test
    void theTextScoreIsTheCosineOfStemBags() {
        assertThat(Similarity.text("Firewall rule blocked", "firewall RULE blocks"))
                .isCloseTo(1.0, within(1e-9));
        // {firew, rule} against {firew, logs}: 1 / (√2 · √2)
        assertThat(Similarity.text("the firewall rule", "firewall logs")).isCloseTo(0.5, within(1e-9));
        assertThat(Similarity.text("the of and", "firewall")).isZero();
    }

    @Test
    void theSameInputGivesTheSameAnswer() {
        List<Ours> here = List.of(ours(1, 0, "Status call"), ours(2, 0, "Status call"));
        List<Theirs> there = List.of(theirs(2, 0, "Status call"), theirs(3, 0, "Status call"));
        Comparison a = TimelineComparator.compare(here, there, Method.defaults());
        Comparison b = TimelineComparator.compare(here, there, Method.defaults());
        assertThat(a).isEqualTo(b);
        assertThat(a.matched())
                .extracting(m -> m.here().ledgerIndex() + "~" + m.there().line())
                .containsExactly("1~2", "2~3");
    }
}
