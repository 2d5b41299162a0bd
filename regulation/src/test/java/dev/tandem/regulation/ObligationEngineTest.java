package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObligationEngineTest {
    private static final Instant AWARE = Instant.parse("2026-10-23T08:00:00Z");
    private final ObligationEngine engine = new ObligationEngine(
            RuleBook.standard(), Clock.fixed(Instant.parse("2026-10-27T00:00:00Z"), ZoneOffset.UTC));

    private static IncidentScope scope(
            Instant aware,
            String subjects,
            Set<DataCategory> data,
            String established,
            boolean processor,
            String zone) {
        return new IncidentScope(
                aware,
                Subjects.parse(subjects),
                data,
                new CompanyFacts(List.of(established), false, processor, false, false, false),
                ZoneId.of(zone));
    }

    private IncidentScope scope(String subjects, Set<DataCategory> data) {
        return new IncidentScope(
                AWARE,
                Subjects.parse(subjects),
                data,
                new CompanyFacts(List.of("DE"), false, false, false, false, false),
                ZoneId.of("Europe/Berlin"));
    }

    @Test
    void reportsMissedRequiredDeadlinesOnly() {
        Assessment a = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of());
        assertThat(a.missed()).extracting(Obligation::ruleId).containsExactly("eu-gdpr-33-sa");
        assertThat(a.obligations())
                .filteredOn(o -> o.status() == Obligation.Status.CONDITIONAL)
                .isNotEmpty();
    }

    /**
     * The EU GDPR, the UK GDPR and the Swiss FADP ask the same two questions, each in its own law: an
     * obligation's question cites the provision of the rule's law, not the EU's for every rule.
     */
    @Test
    void eachRulesQuestionCitesItsOwnLaw() {
        Assessment a = engine.evaluate(scope("DE=5,GB=3,CH=2", Set.of(DataCategory.CONTACT)), List.of());
        assertThat(rule(a, "gb-ukgdpr-33-ico").question().citation()).isEqualTo("UK GDPR Art. 33(1)");
        assertThat(rule(a, "gb-ukgdpr-34-individuals").question().citation()).isEqualTo("UK GDPR Art. 34(1)");
        assertThat(rule(a, "eu-gdpr-33-sa").question().citation()).isEqualTo("GDPR Art. 33(1)");
        assertThat(rule(a, "eu-gdpr-34-individuals").question().citation()).isEqualTo("GDPR Art. 34(1)");
        assertThat(rule(a, "ch-nfadp-fdpic").question().citation()).isEqualTo("FADP Art. 24(1)");
        // every obligation asking RISK or HIGH_RISK cites its own law's provision for it, and only that
        assertThat(a.obligations())
                .filteredOn(o -> o.question() != null
                        && Set.of("RISK", "HIGH_RISK").contains(o.question().key()))
                .hasSize(6)
                .allSatisfy(o -> assertThat(o.question().citation())
                        .as(o.ruleId())
                        .doesNotContain(";")
                        .startsWith(o.citation().substring(0, o.citation().indexOf(" Art"))));
    }

    @Test
    void showsDueInTheIncidentZone() {
        Obligation o = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of()).obligations().stream()
                .filter(x -> x.ruleId().equals("eu-gdpr-33-sa"))
                .findFirst()
                .orElseThrow();
        assertThat(o.dueIn(ZoneId.of("Europe/Berlin")).orElseThrow())
                .hasToString("2026-10-26T09:00+01:00[Europe/Berlin]");
    }

    @Test
    void latestJudgementOnAQuestionCounts() {
        var no = new Judgement("HIGH_RISK", Answer.NO, "dpo", Instant.parse("2026-10-23T10:00:00Z"), "hashed data");
        var yes =
                new Judgement("HIGH_RISK", Answer.YES, "dpo", Instant.parse("2026-10-24T10:00:00Z"), "hashes cracked");
        Assessment a = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of(yes, no));
        Obligation art34 = a.obligations().stream()
                .filter(o -> o.ruleId().equals("eu-gdpr-34-individuals"))
                .findFirst()
                .orElseThrow();
        assertThat(art34.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(art34.question().judgement()).isEqualTo(yes);
    }

    private static Obligation rule(Assessment a, String id) {
        return java.util.stream.Stream.concat(a.obligations().stream(), a.notRequired().stream())
                .filter(o -> o.ruleId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aHighRiskDecidedAfterNoRiskOwesTheArt33NoticeToo() {
        var noRisk = new Judgement("RISK", Answer.NO, "dpo", Instant.parse("2026-10-23T10:00:00Z"), "hashed data");
        var high = new Judgement("HIGH_RISK", Answer.YES, "dpo", Instant.parse("2026-10-24T10:00:00Z"), "cracked");
        Assessment a = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of(noRisk, high));
        assertThat(rule(a, "eu-gdpr-34-individuals").status()).isEqualTo(Obligation.Status.REQUIRED);
        Obligation art33 = rule(a, "eu-gdpr-33-sa");
        assertThat(art33.status()).isNotEqualTo(Obligation.Status.NOT_REQUIRED);
        assertThat(art33.question().judgement().answer()).isEqualTo(Answer.YES);
        assertThat(art33.question().judgement().reason()).contains("implied by HIGH_RISK");
    }

    /** A judgement with the time it was decided and the (possibly later) time it was recorded. */
    private static Judgement recorded(
            String question, Answer answer, String by, String decidedAt, String reason, String recordedAt) {
        return new Judgement(question, answer, by, Instant.parse(decidedAt), reason, Instant.parse(recordedAt));
    }

    @Test
    void noRiskDecidedAfterAHighRiskIsAContradictionThatSetsNoNoticeAside() {
        // Before: RISK NO decided later implied HIGH_RISK NO, and both notices were set aside silently.
        var high = new Judgement("HIGH_RISK", Answer.YES, "dpo", Instant.parse("2026-10-23T10:00:00Z"), "first look");
        var noRisk = new Judgement("RISK", Answer.NO, "dpo", Instant.parse("2026-10-24T10:00:00Z"), "all encrypted");
        Assessment a = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of(high, noRisk));
        assertThat(rule(a, "eu-gdpr-33-sa").status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(rule(a, "eu-gdpr-34-individuals").status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(a.warnings()).anyMatch(w -> w.startsWith("conflicting judgements: RISK NO"));
    }

    @Test
    void consistentNoAnswersSetBothNoticesAsideWithoutAWarning() {
        var noHigh = new Judgement("HIGH_RISK", Answer.NO, "dpo", Instant.parse("2026-10-24T09:00:00Z"), "encrypted");
        var noRisk = new Judgement("RISK", Answer.NO, "dpo", Instant.parse("2026-10-24T10:00:00Z"), "all encrypted");
        Assessment a = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of(noHigh, noRisk));
        assertThat(rule(a, "eu-gdpr-33-sa").status()).isEqualTo(Obligation.Status.NOT_REQUIRED);
        assertThat(rule(a, "eu-gdpr-34-individuals").status()).isEqualTo(Obligation.Status.NOT_REQUIRED);
        assertThat(a.warnings()).noneMatch(w -> w.contains("conflicting judgements"));
    }

    /**
     * The review's case: RISK NO recorded (decided now, 12-06), then HIGH_RISK YES recorded with a
     * back-dated decidedAt (12-04, "the DPO decided at the Friday call"). The latest recorded answer per
     * question counts, so both are in force, and they contradict each other: both notices stay owed, the
     * warning and the bases name both judgements.
     */
    @Test
    void aBackDatedHighRiskAgainstARecordedNoRiskOwesBothNoticesAndIsNamed() {
        var noRisk =
                recorded("RISK", Answer.NO, "counsel", "2026-12-06T09:00:00Z", "hashed data", "2026-12-06T09:00:00Z");
        var high = recorded(
                "HIGH_RISK",
                Answer.YES,
                "counsel",
                "2026-12-04T15:00:00Z",
                "DPO decided at the Friday call",
                "2026-12-06T10:00:00Z");
        Assessment a = engine.evaluate(scope("DE=5,GB=3", Set.of(DataCategory.CONTACT)), List.of(noRisk, high));
        Obligation art33 = rule(a, "eu-gdpr-33-sa");
        Obligation art34 = rule(a, "eu-gdpr-34-individuals");
        assertThat(art33.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(art34.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(art34.question().judgement()).isEqualTo(high);
        assertThat(art33.question().judgement().answer()).isEqualTo(Answer.YES);
        assertThat(art33.question().judgement().reason()).contains("implied by HIGH_RISK", "over RISK NO");
        String named = "RISK NO (decided at 2026-12-06T09:00:00Z, recorded at 2026-12-06T09:00:00Z, by counsel)"
                + " and HIGH_RISK YES (decided at 2026-12-04T15:00:00Z, recorded at 2026-12-06T10:00:00Z, by"
                + " counsel) contradict each other";
        assertThat(a.warnings())
                .filteredOn(w -> w.startsWith("conflicting judgements: "))
                .singleElement()
                .satisfies(w -> assertThat(w).contains(named, "record one consistent answer"));
        assertThat(art33.basis()).contains(named);
        assertThat(art34.basis()).contains(named);
        // the UK GDPR and the Swiss FADP ask the same two questions
        assertThat(rule(a, "gb-ukgdpr-33-ico").status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(rule(a, "gb-ukgdpr-34-individuals").status()).isEqualTo(Obligation.Status.REQUIRED);

        // counsel resolves it: RISK YES recorded after; the warning goes, the notices stay owed
        var yesRisk = recorded(
                "RISK", Answer.YES, "counsel", "2026-12-06T11:00:00Z", "the high risk stands", "2026-12-06T11:00:00Z");
        Assessment resolved =
                engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of(noRisk, high, yesRisk));
        assertThat(resolved.warnings()).noneMatch(w -> w.contains("conflicting judgements"));
        assertThat(rule(resolved, "eu-gdpr-33-sa").status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(rule(resolved, "eu-gdpr-33-sa").question().judgement()).isEqualTo(yesRisk);
        assertThat(rule(resolved, "eu-gdpr-33-sa").basis()).doesNotContain("conflicting");
        assertThat(rule(resolved, "eu-gdpr-34-individuals").status()).isEqualTo(Obligation.Status.REQUIRED);
    }

    @Test
    void theLatestRecordedAnswerToAQuestionCountsWhateverItsDecidedAt() {
        var yes =
                recorded("HIGH_RISK", Answer.YES, "dpo", "2026-10-25T10:00:00Z", "first look", "2026-10-25T10:00:00Z");
        var no = recorded(
                "HIGH_RISK",
                Answer.NO,
                "dpo",
                "2026-10-24T10:00:00Z",
                "decided at the Friday call",
                "2026-10-26T10:00:00Z");
        Assessment a = engine.evaluate(scope("DE=5", Set.of(DataCategory.CONTACT)), List.of(no, yes));
        assertThat(rule(a, "eu-gdpr-34-individuals").question().judgement()).isEqualTo(no);
    }

    @Test
    void warnsAboutPeopleWithoutAStateAndUncoveredCountries() {
        Assessment a = engine.evaluate(scope("US=10,AR=3", Set.of()), List.of());
        assertThat(a.warnings())
                .anyMatch(w -> w.contains("US without a state"))
                .anyMatch(w -> w.contains("AR=3"))
                .anyMatch(w -> w.contains("no data categories"));
    }

    @Test
    void warnsWhenTheRulesForAJurisdictionStartAfterTheIncident() {
        // the UK's rules start with the UK GDPR (2021-01-01); in mid-2020 the EU GDPR still applied there
        var past = scope(
                Instant.parse("2020-06-01T10:00:00Z"),
                "GB=600",
                Set.of(DataCategory.CONTACT),
                "GB",
                false,
                "Europe/London");
        Assessment a = engine.evaluate(past, List.of());
        assertThat(a.warnings()).anyMatch(w -> w.startsWith("no rule in force at awareness") && w.contains("GB=600"));
        assertThat(engine.evaluate(scope("GB=600", Set.of(DataCategory.CONTACT)), List.of())
                        .warnings())
                .noneMatch(w -> w.contains("GB=600"));
    }

    @Test
    void aProcessorKeepsAustraliasDutiesAndIsToldWhereOnlyTheControllerHasOne() {
        var processor = scope(AWARE, "AU=5,JP=5,KR=5", Set.of(DataCategory.GOVERNMENT_ID), "DE", true, "Europe/Berlin");
        Assessment a = engine.evaluate(processor, List.of());
        assertThat(a.obligations()).extracting(Obligation::ruleId).contains("au-ndb-oaic", "jp-appi-processor");
        assertThat(a.warnings())
                .anyMatch(w -> w.startsWith("as a processor") && w.contains("KR=5") && !w.contains("AU"));
    }

    @Test
    void anEstablishmentCitesTheTerritorialScopeOfItsOwnRegime() {
        var uk = scope(AWARE, "US-CA=10", Set.of(DataCategory.CONTACT), "GB", false, "Europe/London");
        assertThat(rule(engine.evaluate(uk, List.of()), "gb-ukgdpr-33-ico").basis())
                .contains("established in GB, UK GDPR Art. 3(1)");
        assertThat(rule(engine.evaluate(scope("US-CA=10", Set.of(DataCategory.CONTACT)), List.of()), "eu-gdpr-33-sa")
                        .basis())
                .contains("EU GDPR Art. 3(1)");
    }

    @Test
    void rejectsJudgementOnUnknownQuestion() {
        var j = new Judgement("LUCK", Answer.YES, "x", AWARE, "y");
        assertThatThrownBy(() -> engine.evaluate(scope("DE=5", Set.of()), List.of(j)))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining("'LUCK'");
    }

    @Test
    void judgementNeedsWhoAndWhy() {
        assertThatThrownBy(() -> new Judgement("RISK", Answer.NO, " ", AWARE, "r"))
                .hasMessageContaining("who decided");
        assertThatThrownBy(() -> new Judgement("RISK", Answer.NO, "dpo", AWARE, ""))
                .hasMessageContaining("reason");
    }

    @Test
    void immediateAndUndueDelayObligationsSortFirstAndAreUrgent() {
        // GDPR Art. 33(2) ("without undue delay") and Art. 34(1) come before the 72 hours of Art. 33(1).
        var facts = new CompanyFacts(List.of("DE"), false, true, false, false, false);
        var s = new IncidentScope(
                AWARE,
                Subjects.parse("DE=5,US-CA=600"),
                Set.of(DataCategory.GOVERNMENT_ID),
                facts,
                ZoneId.of("Europe/Berlin"));
        List<Obligation> list = engine.evaluate(s, List.of()).obligations();
        assertThat(list.getFirst().urgent()).isTrue();
        int lastUrgent = -1;
        int firstFixed = Integer.MAX_VALUE;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).urgent()) {
                lastUrgent = i;
            } else if (list.get(i).due() != null) {
                firstFixed = Math.min(firstFixed, i);
            }
        }
        assertThat(lastUrgent).isLessThan(firstFixed);
        assertThat(list)
                .filteredOn(Obligation::urgent)
                .extracting(Obligation::ruleId)
                .contains("eu-gdpr-33-processor", "us-states-maintainer");
    }

    @Test
    void mastercardMerchantDutyIsUrgentToTheAcquirer() {
        // Mastercard Security Rules and Procedures, Account Data Compromise: the merchant tells its
        // acquirer at once; the 24 hours to Mastercard are the acquirer's.
        var facts = new CompanyFacts(List.of("DE"), false, false, true, false, false);
        var s = new IncidentScope(
                AWARE, Subjects.parse("DE=5"), Set.of(DataCategory.PAYMENT_CARD), facts, ZoneId.of("Europe/Berlin"));
        Obligation mc = engine.evaluate(s, List.of()).obligations().stream()
                .filter(o -> o.ruleId().equals("card-mastercard"))
                .findFirst()
                .orElseThrow();
        assertThat(mc.recipient()).isEqualTo(Recipient.ACQUIRER);
        assertThat(mc.urgent()).isTrue();
        assertThat(mc.due()).isNull();
    }

    @Test
    void territoriesWithoutRulesRaiseTheNoRuleWarning() {
        // Guam, the US Virgin Islands, American Samoa and the Northern Mariana Islands have no rule in
        // the rule file; a national rule (HIPAA, SEC, a processor's duty) must not hide that.
        Assessment a = engine.evaluate(
                scope("US-GU=3,US-VI=4,US-AS=5,US-MP=6,US-CA=1", Set.of(DataCategory.GOVERNMENT_ID)), List.of());
        assertThat(a.warnings())
                .anyMatch(w -> w.startsWith("no rules cover")
                        && w.contains("US-GU=3")
                        && w.contains("US-VI=4")
                        && w.contains("US-AS=5")
                        && w.contains("US-MP=6")
                        && !w.contains("US-CA"));
    }

    @Test
    void puertoRicoNoticeGoesToDaco() {
        // 10 L.P.R.A. 4052: the Department of Consumer Affairs (DACO), not the Justice Department.
        Obligation pr =
                engine.evaluate(scope("US-PR=5", Set.of(DataCategory.GOVERNMENT_ID)), List.of()).obligations().stream()
                        .filter(o -> o.ruleId().equals("us-pr-daco"))
                        .findFirst()
                        .orElseThrow();
        assertThat(pr.recipient()).isEqualTo(Recipient.REGULATOR);
        assertThat(pr.dueText()).contains("DACO");
    }

    @Test
    void clockFromAnotherNoticeIsMissedWhenMissed() {
        // Cal. Civ. Code 1798.82 as amended by SB 446: the AG copy is due 15 days after the residents' notice.
        Instant aware = Instant.parse("2026-01-10T18:00:00Z");
        var s = new IncidentScope(
                aware,
                Subjects.parse("US-CA=600"),
                Set.of(DataCategory.GOVERNMENT_ID),
                CompanyFacts.none(),
                ZoneId.of("America/Los_Angeles"),
                null,
                java.util.Map.of("us-ca-individuals", Instant.parse("2026-01-20T20:00:00Z")));
        var late = new ObligationEngine(
                RuleBook.standard(), Clock.fixed(Instant.parse("2026-02-06T00:00:00Z"), ZoneOffset.UTC));
        Assessment a = late.evaluate(s, List.of());
        Obligation ag = a.obligations().stream()
                .filter(o -> o.ruleId().equals("us-ca-ag@2026"))
                .findFirst()
                .orElseThrow();
        assertThat(ag.due()).isEqualTo(Instant.parse("2026-02-05T07:59:59Z"));
        assertThat(ag.clock()).contains("us-ca-individuals");
        assertThat(a.missed()).contains(ag);
    }

    @Test
    void determinationBeforeAwarenessIsRefused() {
        assertThatThrownBy(() -> new IncidentScope(
                        AWARE,
                        Subjects.parse("US-CO=5"),
                        Set.of(),
                        CompanyFacts.none(),
                        ZoneOffset.UTC,
                        AWARE.minusSeconds(60),
                        java.util.Map.of()))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining("determination");
    }

    @Test
    void peopleOutsideTheEuCountedBecauseOfAnEstablishmentAreAQuestionForCounsel() {
        // established in Germany; only US customers affected: Art. 3(1) reaches them only through
        // processing in the context of the German establishment's activities
        var facts = new CompanyFacts(List.of("DE"), false, false, false, false, false);
        var onlyUs = new IncidentScope(
                AWARE, Subjects.parse("US-CA=40"), Set.of(DataCategory.CONTACT), facts, ZoneOffset.UTC);
        Assessment a = engine.evaluate(onlyUs, List.of());
        assertThat(rule(a, "eu-gdpr-33-sa").status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(a.warnings())
                .anyMatch(w -> w.startsWith("40 affected people outside EEA are counted under EU GDPR because of the"
                                + " establishment in DE (Art. 3(1))")
                        && w.contains("no one affected is in EEA"));
        var mixed = new IncidentScope(
                AWARE, Subjects.parse("DE=5,US-CA=40"), Set.of(DataCategory.CONTACT), facts, ZoneOffset.UTC);
        assertThat(engine.evaluate(mixed, List.of()).warnings())
                .anyMatch(w -> w.startsWith("40 affected people outside EEA") && !w.contains("no one affected"));
        var onlyEu =
                new IncidentScope(AWARE, Subjects.parse("DE=5"), Set.of(DataCategory.CONTACT), facts, ZoneOffset.UTC);
        assertThat(engine.evaluate(onlyEu, List.of()).warnings()).noneMatch(w -> w.contains("Art. 3(1)"));
    }

    @Test
    void aThresholdTheScansMayCrossTogetherIsNamedInAWarning() {
        // two exports of 200 Texans each: the scope keeps 200 (they may be the same people); Texas's
        // attorney general is owed notice from 250 residents (Tex. Bus. & Com. Code 521.053(i))
        var facts = new CompanyFacts(List.of("US"), false, false, false, false, false);
        var floor = new IncidentScope(
                AWARE, Subjects.parse("US-TX=200"), Set.of(DataCategory.GOVERNMENT_ID), facts, ZoneOffset.UTC);
        Assessment plain = engine.evaluate(floor, List.of());
        assertThat(plain.obligations()).extracting(Obligation::ruleId).noneMatch(id -> id.startsWith("us-tx-ag@"));
        Assessment a = engine.evaluate(floor, List.of(), Subjects.parse("US-TX=400"));
        assertThat(a.obligations()).isEqualTo(plain.obligations());
        assertThat(a.warnings())
                .anyMatch(w -> w.startsWith("us-tx-ag@2023 (US-TX, ATTORNEY_GENERAL)")
                        && w.contains("would be owed if the scanned files hold different people")
                        && w.contains("US-TX=200")
                        && w.contains("up to US-TX=400"));
        // what is owed either way, or at the same counts, adds no warning
        assertThat(engine.evaluate(floor, List.of(), Subjects.parse("US-TX=200"))
                        .warnings())
                .isEqualTo(plain.warnings());
        assertThat(engine.evaluate(floor, List.of(), Subjects.parse("US-TX=240"))
                        .warnings())
                .isEqualTo(plain.warnings());
    }

    @Test
    void peopleOfNoKnownCountryCountUnderTheLawsThatFollowTheEstablishment() {
        // a scan of an export without a country column: 300 people, none placed
        var inGermany = new CompanyFacts(List.of("DE"), false, false, false, false, false);
        var unknown = new IncidentScope(
                AWARE, Subjects.parse("ZZ=300"), Set.of(DataCategory.CONTACT), inGermany, ZoneOffset.UTC);
        Assessment a = engine.evaluate(unknown, List.of());
        assertThat(rule(a, "eu-gdpr-33-sa").status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(a.warnings())
                .anyMatch(w -> w.startsWith("300 affected people have no known country (ZZ)"))
                .anyMatch(w -> w.startsWith("300 affected people outside EEA are counted under EU GDPR"))
                .noneMatch(w -> w.startsWith("no rules cover"));
        // without an establishment that brings a law along, no law is owed for them, and the warning says why
        var inUs = new CompanyFacts(List.of("US"), false, false, false, false, false);
        Assessment none = engine.evaluate(
                new IncidentScope(AWARE, Subjects.parse("ZZ=300"), Set.of(DataCategory.CONTACT), inUs, ZoneOffset.UTC),
                List.of());
        assertThat(none.obligations()).isEmpty();
        assertThat(none.warnings()).anyMatch(w -> w.startsWith("300 affected people have no known country (ZZ)"));
    }

    @Test
    void marketplaceWithoutEuNexusIsWarned() {
        // NIS2 Art. 26(3): a provider not established in the Union must designate a representative.
        var facts = new CompanyFacts(List.of("US"), false, false, false, true, false);
        var s = new IncidentScope(AWARE, Subjects.parse("DE=5"), Set.of(DataCategory.CONTACT), facts, ZoneOffset.UTC);
        assertThat(engine.evaluate(s, List.of()).warnings()).anyMatch(w -> w.contains("Art. 26(3)"));
    }
}
