package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * GDPR Art. 33(4) and UK GDPR Art. 33(4): "where, and in so far as, it is not possible to provide the
 * information at the same time, the information may be provided in phases without undue further delay".
 * The rules {@code eu-gdpr-33-4-phases} and {@code gb-ukgdpr-33-4-phases} are owed only once the Art. 33
 * notice is recorded as sent incomplete, carry the gaps it left, and have no deadline (docs/contracts.md §4,
 * ADR 154).
 */
class InformationInPhasesTest {
    private static final Instant AWARE = Instant.parse("2026-03-02T15:00:00Z");
    private static final Instant SENT = Instant.parse("2026-03-04T10:00:00Z");
    private static final RuleBook BOOK = RuleBook.standard();
    private final ObligationEngine engine =
            new ObligationEngine(BOOK, Clock.fixed(Instant.parse("2026-03-06T10:00:00Z"), ZoneOffset.UTC));
    private static final CompanyFacts IN_GERMANY = new CompanyFacts(List.of("DE"), false, false, false, false, false);
    private static final CompanyFacts IN_THE_UK = new CompanyFacts(List.of("GB"), false, false, false, false, false);

    private Assessment assess(
            String subjects,
            CompanyFacts facts,
            Map<String, Instant> sent,
            Map<String, IncidentScope.IncompleteNotice> incomplete) {
        return engine.evaluate(
                new IncidentScope(
                        AWARE,
                        Subjects.parse(subjects),
                        Set.of(DataCategory.CONTACT),
                        facts,
                        ZoneOffset.UTC,
                        null,
                        sent,
                        incomplete),
                List.of());
    }

    private static List<String> ids(Assessment a) {
        return a.obligations().stream().map(Obligation::ruleId).toList();
    }

    @Test
    void theRulesCiteArticleThirtyThreeFourAndSayTheyAreNotFromTheOfficialText() {
        assertThat(BOOK.version()).isEqualTo("2026-12-07h");
        Rule eu = BOOK.rule("eu-gdpr-33-4-phases").orElseThrow();
        assertThat(eu.citation()).isEqualTo("GDPR Art. 33(4)");
        assertThat(eu.confidence()).isEqualTo(Confidence.SECONDARY);
        assertThat(eu.recipient()).isEqualTo(Recipient.SUPERVISORY_AUTHORITY);
        assertThat(eu.deadline().kind()).isEqualTo(Rule.DeadlineKind.NONE);
        assertThat(eu.deadline().from()).isEqualTo(Rule.ClockStart.INCOMPLETE_NOTICE);
        assertThat(eu.deadline().after()).isEqualTo("eu-gdpr-33-sa");
        assertThat(eu.deadline().text())
                .startsWith("without undue further delay")
                .contains("no fixed time");
        Rule uk = BOOK.rule("gb-ukgdpr-33-4-phases").orElseThrow();
        assertThat(uk.citation()).isEqualTo("UK GDPR Art. 33(4)");
        assertThat(uk.confidence()).isEqualTo(Confidence.SECONDARY);
        assertThat(uk.deadline().after()).isEqualTo("gb-ukgdpr-33-ico");
        assertThat(RuleTable.markdown(BOOK))
                .contains(
                        "| eu-gdpr-33-4-phases | EU GDPR | EU | SUPERVISORY_AUTHORITY | URGENT, no fixed time from the notice"
                                + " of eu-gdpr-33-sa, owed only when it was sent incomplete: without undue further delay");
    }

    @Test
    void nothingIsOwedInPhasesBeforeTheNoticeOrForANoticeSentComplete() {
        assertThat(ids(assess("DE=1200", IN_GERMANY, Map.of(), Map.of())))
                .contains("eu-gdpr-33-sa")
                .doesNotContain("eu-gdpr-33-4-phases");
        assertThat(ids(assess("DE=1200", IN_GERMANY, Map.of("eu-gdpr-33-sa", SENT), Map.of())))
                .doesNotContain("eu-gdpr-33-4-phases");
    }

    @Test
    void aNoticeSentWithGapsOwesTheMissingInformationWithoutUndueFurtherDelayAndNoDeadline() {
        var gaps = new IncidentScope.IncompleteNotice(
                "EU", List.of("likely consequences of the breach (Art. 33(3)(c))", "the number of records"));
        Assessment a = assess("DE=1200", IN_GERMANY, Map.of("eu-gdpr-33-sa", SENT), Map.of("eu-gdpr-33-sa", gaps));
        Obligation phases = a.obligations().stream()
                .filter(o -> o.ruleId().equals("eu-gdpr-33-4-phases"))
                .findFirst()
                .orElseThrow();
        assertThat(phases.due()).isNull();
        assertThat(phases.urgent()).isTrue();
        assertThat(phases.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(phases.jurisdiction()).isEqualTo("EU");
        assertThat(phases.leadAuthority()).isEqualTo("DE");
        assertThat(phases.citation()).isEqualTo("GDPR Art. 33(4)");
        assertThat(phases.clockStart()).isEqualTo(SENT);
        assertThat(phases.clock())
                .isEqualTo("no fixed time (the law sets none): the time since the notice of rule eu-gdpr-33-sa sent "
                        + SENT + " is what counts");
        assertThat(phases.content())
                .startsWith(
                        "missing from the notice sent: likely consequences of the breach (Art. 33(3)(c))",
                        "missing from the notice sent: the number of records");
        assertThat(phases.basis()).contains("the notice of rule eu-gdpr-33-sa was sent incomplete");
        // never missed: there is no deadline to miss
        assertThat(a.missed()).noneMatch(o -> o.ruleId().equals("eu-gdpr-33-4-phases"));
    }

    @Test
    void withoutAnEstablishmentOnlyTheAuthorityThatReceivedTheIncompleteNoticeIsOwedTheRest() {
        var toGermany = new IncidentScope.IncompleteNotice("DE", List.of("the contact point"));
        Assessment a = assess(
                "DE=1200,FR=40",
                CompanyFacts.none(),
                Map.of("eu-gdpr-33-sa", SENT),
                Map.of("eu-gdpr-33-sa", toGermany));
        assertThat(a.obligations().stream()
                        .filter(o -> o.ruleId().equals("eu-gdpr-33-4-phases"))
                        .map(Obligation::jurisdiction))
                .containsExactly("DE");
        // a notice the sender said was incomplete without naming the gaps still owes the rest
        Assessment unnamed = assess(
                "DE=1200",
                IN_GERMANY,
                Map.of("eu-gdpr-33-sa", SENT),
                Map.of("eu-gdpr-33-sa", new IncidentScope.IncompleteNotice(null, List.of())));
        assertThat(unnamed.obligations().stream()
                        .filter(o -> o.ruleId().equals("eu-gdpr-33-4-phases"))
                        .map(Obligation::content))
                .containsExactly(BOOK.rule("eu-gdpr-33-4-phases").orElseThrow().content());
    }

    @Test
    void theUkNoticeToTheCommissionerHasItsOwnPhases() {
        var gaps = new IncidentScope.IncompleteNotice("GB", List.of("the contact point"));
        Assessment a = assess("GB=300", IN_THE_UK, Map.of("gb-ukgdpr-33-ico", SENT), Map.of("gb-ukgdpr-33-ico", gaps));
        assertThat(ids(a)).contains("gb-ukgdpr-33-4-phases").doesNotContain("eu-gdpr-33-4-phases");
        Obligation uk = a.obligations().stream()
                .filter(o -> o.ruleId().equals("gb-ukgdpr-33-4-phases"))
                .findFirst()
                .orElseThrow();
        assertThat(uk.citation()).isEqualTo("UK GDPR Art. 33(4)");
        assertThat(uk.due()).isNull();
        assertThat(uk.content()).first().isEqualTo("missing from the notice sent: the contact point");
    }
}
