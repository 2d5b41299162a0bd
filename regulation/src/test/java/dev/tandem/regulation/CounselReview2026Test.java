package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Counsel's review of 2026-12-07 (docs/regulation-rules.md, "Counsel's review"): the corrected
 * triggers (Ark. Code 4-110-105(d); PDPA 2012 s. 26D(1)), the added rules (Resolution CD/ANPD
 * 15/2024 Art. 6's complementary information; American Express's Data Security Operating Policy;
 * Kenya's Data Protection Act 2019 s. 43, ADR 122; Thailand's PDPA B.E. 2562 s. 37(4) and s. 40(2) and
 * the Philippines' Data Privacy Act of 2012 s. 20(f) with NPC Circular 16-03 and Indonesia's Law No. 27
 * of 2022 Art. 46, ADR 125; Turkey's Law No. 6698 Art. 12(5) with the Board's Decision 2019/10 and
 * Israel's Data Security Regulations reg. 11(d) and Saudi Arabia's PDPL Art. 20 with its Implementing
 * Regulations Art. 24, the United Arab Emirates' Federal Decree-Law No. 45 of 2021 Art. 9 and Mexico's
 * Ley Federal de Protección de Datos Personales en Posesión de los Particulares of 2025 Art. 19, ADR 127;
 * Vietnam's Decree No. 13/2023/ND-CP Art. 23 and Law on Personal Data Protection No. 91/2025/QH15 Art. 23 with
 * Decree No. 356/2025/ND-CP Art. 28-29 and Japan's My Number Act Art. 29-4 with the Personal Information
 * Protection Commission's Rules on reports of leaks of specific personal information, ADR 146), and the review
 * itself as the rule file records it.
 */
class CounselReview2026Test {
    private static final Instant AWARE = Instant.parse("2026-03-02T15:00:00Z");
    private static final RuleBook BOOK = RuleBook.standard();
    private final ObligationEngine engine =
            new ObligationEngine(BOOK, Clock.fixed(Instant.parse("2026-03-02T16:00:00Z"), ZoneOffset.UTC));

    private Assessment assess(
            String subjects,
            DataCategory data,
            CompanyFacts facts,
            @Nullable Instant determined,
            Map<String, Instant> sent,
            Collection<Judgement> judgements) {
        return engine.evaluate(
                new IncidentScope(
                        AWARE, Subjects.parse(subjects), Set.of(data), facts, ZoneOffset.UTC, determined, sent),
                judgements);
    }

    /** Financial-account data, encrypted with the key safe: the rule is set aside by the safe harbour. */
    private Assessment setAsideForEncryptedData(String subjects, String ruleId) {
        CompanyFacts encrypted = new CompanyFacts(List.of(), false, false, false, false, true);
        Assessment a = assess(subjects, DataCategory.FINANCIAL_ACCOUNT, encrypted, null, Map.of(), List.of());
        assertThat(a.obligations()).noneSatisfy(o -> assertThat(o.ruleId()).isEqualTo(ruleId));
        assertThat(a.notRequired()).anySatisfy(o -> {
            assertThat(o.ruleId()).isEqualTo(ruleId);
            assertThat(o.basis()).contains("encryption safe harbour");
        });
        return a;
    }

    /** A notice owed (unless a question sets it aside) 72 hours after awareness. */
    private static Obligation owedInSeventyTwoHours(Assessment a, String ruleId) {
        Obligation o = only(a, ruleId);
        assertThat(o.due()).as(ruleId).isEqualTo(AWARE.plusSeconds(72 * 3600));
        assertThat(o.status()).as(ruleId).isNotEqualTo(Obligation.Status.NOT_REQUIRED);
        return o;
    }

    /** A notice owed to {@code recipient} in 72 hours whatever anyone answers: the law asks no question. */
    private static Obligation owedInSeventyTwoHoursWithoutQuestion(Assessment a, String ruleId, Recipient recipient) {
        Obligation o = owedInSeventyTwoHours(a, ruleId);
        assertThat(o.recipient()).as(ruleId).isEqualTo(recipient);
        assertThat(o.status()).as(ruleId).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(o.question()).as(ruleId).isNull();
        return o;
    }

    /**
     * A regulator's notice in 72 hours that its question, unanswered, leaves REQUIRED (presumed YES: owed
     * unless answered NO).
     */
    private static Obligation owedToTheRegulatorUnlessAnsweredNo(Assessment a, String ruleId, String question) {
        Obligation o = owedInSeventyTwoHours(a, ruleId);
        assertThat(o.recipient()).as(ruleId).isEqualTo(Recipient.REGULATOR);
        assertThat(o.status()).as(ruleId).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(o.question().key()).as(ruleId).isEqualTo(question);
        assertThat(o.question().judgement()).as(ruleId).isNull();
        return o;
    }

    /** A notice the law gives no fixed time: no due instant, urgent when the law's words say so. */
    private static Obligation owedWithoutFixedTime(Assessment a, String ruleId, boolean urgent) {
        Obligation o = only(a, ruleId);
        assertThat(o.due()).as(ruleId).isNull();
        assertThat(o.urgent()).as(ruleId).isEqualTo(urgent);
        return o;
    }

    /** The answer sets the rules aside: none is owed, each is listed not required. */
    private void setAsideBy(Judgement answer, String subjects, DataCategory data, String... ruleIds) {
        Assessment a = assess(subjects, data, CompanyFacts.none(), null, Map.of(), List.of(answer));
        assertThat(a.obligations().stream().map(Obligation::ruleId)).doesNotContain(ruleIds);
        assertThat(a.notRequired().stream().map(Obligation::ruleId)).contains(ruleIds);
    }

    /**
     * The rule's notice, for people given by {@code subjects} and aware at {@code awareLocal} on the clock
     * of {@code zone}, the rule's own zone: due 72 hours later, the same time three days on (hours are
     * absolute; none of these zones keeps summer time).
     */
    private void dueSeventyTwoHoursLaterOnTheClockOf(
            String zone, String awareLocal, String subjects, DataCategory data, String ruleId) {
        java.time.ZoneId local = java.time.ZoneId.of(zone);
        java.time.LocalDateTime at = java.time.LocalDateTime.parse(awareLocal);
        Instant aware = at.atZone(local).toInstant();
        IncidentScope scope = new IncidentScope(
                aware, Subjects.parse(subjects), Set.of(data), CompanyFacts.none(), local, null, Map.of());
        Obligation o = only(engine.evaluate(scope, List.of()), ruleId);
        assertThat(BOOK.rule(ruleId).orElseThrow().zone()).as(ruleId).isEqualTo(local);
        assertThat(o.due()).as(ruleId).isEqualTo(aware.plusSeconds(72 * 3600));
        assertThat(o.due().atZone(local).toLocalDateTime()).as(ruleId).isEqualTo(at.plusDays(3));
    }

    /**
     * A processor's notice to the controller, urgent with no fixed time: owed for contact data even when
     * the controller's own test is answered NO; a processor owes none of the controller's notices, and a
     * controller owes no notice to itself.
     */
    private Obligation processorTellsTheControllerAtOnce(
            String subjects, Judgement noRisk, String ruleId, String... controllersNotices) {
        CompanyFacts processor = new CompanyFacts(List.of(), false, true, false, false, false);
        Assessment a = assess(subjects, DataCategory.CONTACT, processor, null, Map.of(), List.of(noRisk));
        Obligation o = owedWithoutFixedTime(a, ruleId, true);
        assertThat(o.recipient()).as(ruleId).isEqualTo(Recipient.CONTROLLER);
        assertThat(o.status()).as(ruleId).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(owed(subjects, processor)).doesNotContain(controllersNotices);
        assertThat(owed(subjects, CompanyFacts.none())).doesNotContain(ruleId);
        return o;
    }

    /**
     * A notice with no fixed time that its question, unanswered, leaves CONDITIONAL: REQUIRED once answered
     * YES, not owed once answered NO.
     */
    private Obligation owedOnceAnsweredYes(String subjects, String ruleId, String question, boolean urgent) {
        Assessment a = assess(subjects, DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation o = owedWithoutFixedTime(a, ruleId, urgent);
        assertThat(o.status()).as(ruleId).isEqualTo(Obligation.Status.CONDITIONAL);
        assertThat(o.question().key()).as(ruleId).isEqualTo(question);
        var yes = new Judgement(question, Answer.YES, "dpo", AWARE, "answered YES");
        Assessment told = assess(subjects, DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of(yes));
        assertThat(only(told, ruleId).status()).as(ruleId).isEqualTo(Obligation.Status.REQUIRED);
        var no = new Judgement(question, Answer.NO, "dpo", AWARE, "answered NO");
        assertThat(owed(subjects, CompanyFacts.none(), no)).doesNotContain(ruleId);
        return o;
    }

    /**
     * A country whose law gives a processor no notice of its own: a processor owes none of the rules whose ids
     * start with {@code prefix} and gets the warning that sends it to the controller.
     */
    private void aProcessorIsSentToTheController(String subjects, String prefix) {
        CompanyFacts processor = new CompanyFacts(List.of(), false, true, false, false, false);
        Assessment a = assess(subjects, DataCategory.CONTACT, processor, null, Map.of(), List.of());
        assertThat(a.obligations().stream().map(Obligation::ruleId)).noneMatch(id -> id.startsWith(prefix));
        assertThat(a.warnings())
                .anyMatch(w -> w.startsWith("as a processor, no duty of yours is listed for") && w.contains(subjects));
    }

    /**
     * A processor (and only a processor) owes the controller a notice with no fixed time, whatever the answer to the
     * country's question, its citation as given; no "no duty of yours" warning for the country; the controller's own
     * notices are not the processor's. SECONDARY: the source was not the law's text.
     */
    private void aProcessorOwesTheControllerWithoutFixedTime(
            String subjects, String ruleId, boolean urgent, String citation) {
        CompanyFacts processor = new CompanyFacts(List.of(), false, true, false, false, false);
        Assessment a = assess(subjects, DataCategory.CONTACT, processor, null, Map.of(), List.of());
        Obligation controller = owedWithoutFixedTime(a, ruleId, urgent);
        assertThat(controller.recipient()).isEqualTo(Recipient.CONTROLLER);
        assertThat(controller.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(controller.question()).isNull();
        assertThat(controller.citation()).isEqualTo(citation);
        assertThat(controller.confidence()).isEqualTo(Confidence.SECONDARY);
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("as a processor, no duty of yours is listed for"));
        String country = ruleId.substring(0, ruleId.indexOf('-'));
        assertThat(a.obligations().stream().map(Obligation::ruleId).filter(id -> id.startsWith(country + "-")))
                .containsExactly(ruleId);
        assertThat(owed(subjects, CompanyFacts.none())).doesNotContain(ruleId);
    }

    /**
     * The country's rules cover the scope (no "no rules cover" warning), and its question answered NO sets the
     * given rules aside for contact data.
     */
    private void coveredUnlessAnsweredNo(Assessment a, String subjects, String question, String... ruleIds) {
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("no rules cover"));
        setAsideBy(
                new Judgement(question, Answer.NO, "dpo", AWARE, "answered NO"),
                subjects,
                DataCategory.CONTACT,
                ruleIds);
    }

    /** The ids of the rules owed for a scope with no determination and no notice sent. */
    private List<String> owed(String subjects, CompanyFacts facts, Judgement... judgements) {
        return assess(subjects, DataCategory.CONTACT, facts, null, Map.of(), List.of(judgements)).obligations().stream()
                .map(Obligation::ruleId)
                .toList();
    }

    private static Obligation only(Assessment a, String ruleId) {
        List<Obligation> found =
                a.obligations().stream().filter(o -> o.ruleId().equals(ruleId)).toList();
        assertThat(found).as(ruleId).hasSize(1);
        return found.getFirst();
    }

    /**
     * Ark. Code 4-110-105(d): the Attorney General within 45 days after the determination of a
     * reasonable likelihood of harm (or with the residents' notice, if earlier), not 45 days after
     * discovery.
     */
    @Test
    void arkansasAttorneyGeneralCountsFortyFiveDaysFromTheDetermination() {
        Instant determined = Instant.parse("2026-03-12T15:00:00Z");
        Obligation ag = only(
                assess("US-AR=1500", DataCategory.GOVERNMENT_ID, CompanyFacts.none(), determined, Map.of(), List.of()),
                "us-ar-ag");
        // 12 March + 45 days = 26 April 2026, end of day in Arkansas (CDT, UTC-5)
        assertThat(ag.due()).isEqualTo(Instant.parse("2026-04-27T04:59:59Z"));
        // without a determination, awareness stands in (the earliest it can be)
        Obligation early = only(
                assess("US-AR=1500", DataCategory.GOVERNMENT_ID, CompanyFacts.none(), null, Map.of(), List.of()),
                "us-ar-ag");
        assertThat(early.due()).isEqualTo(Instant.parse("2026-04-17T04:59:59Z"));
        assertThat(ag.citation()).isEqualTo("Ark. Code 4-110-105(d)");
    }

    /**
     * PDPA 2012 s. 26D(1): the Commission no later than 3 calendar days after the day the
     * organisation assesses that the breach is notifiable.
     */
    @Test
    void singaporeCommissionCountsThreeDaysFromTheAssessmentNotFromAwareness() {
        Instant determined = Instant.parse("2026-03-10T02:00:00Z");
        Obligation pdpc = only(
                assess("SG=600", DataCategory.CONTACT, CompanyFacts.none(), determined, Map.of(), List.of()),
                "sg-pdpa-pdpc");
        // assessed 10 March (Singapore, UTC+8): due at the end of 13 March, Singapore time
        assertThat(pdpc.due()).isEqualTo(Instant.parse("2026-03-13T15:59:59Z"));
        assertThat(BOOK.rules().stream()
                        .filter(r -> r.id().equals("sg-pdpa-pdpc"))
                        .findFirst()
                        .orElseThrow()
                        .deadline()
                        .text())
                .contains("counsel decides");
    }

    /**
     * PDPA 2012 s. 26D(5)(b): no notice to an individual where a technological measure in place before
     * the breach (encryption, key not compromised) made significant harm unlikely; the Commission is
     * still told (s. 26D(1) has no such exception).
     */
    @Test
    void singaporeIndividualsAreNotOwedANoticeWhenTheDataWereEncryptedAndTheKeySafe() {
        Assessment a = setAsideForEncryptedData("SG=600", "sg-pdpa-individuals");
        assertThat(only(a, "sg-pdpa-pdpc").status()).isNotEqualTo(Obligation.Status.NOT_REQUIRED);
        Assessment clear =
                assess("SG=600", DataCategory.FINANCIAL_ACCOUNT, CompanyFacts.none(), null, Map.of(), List.of());
        assertThat(only(clear, "sg-pdpa-individuals").status()).isNotEqualTo(Obligation.Status.NOT_REQUIRED);
    }

    /**
     * Resolution CD/ANPD 15/2024 Art. 6: the communication to the ANPD may be completed within 20
     * business days of it; the clock starts when the communication is sent.
     */
    @Test
    void brazilComplementaryInformationIsDueTwentyBusinessDaysAfterTheCommunication() {
        var risk = new Judgement("RELEVANT_RISK", Answer.YES, "dpo", AWARE, "financial data of many customers");
        Instant communicated = Instant.parse("2026-03-02T18:00:00Z");
        Assessment a = assess(
                "BR=50",
                DataCategory.FINANCIAL_ACCOUNT,
                CompanyFacts.none(),
                null,
                Map.of("br-lgpd-anpd", communicated),
                List.of(risk));
        Obligation supplement = only(a, "br-lgpd-anpd-supplement");
        // Monday 2 March + 20 business days (Good Friday 3 April is later) = Monday 30 March, end of
        // day in São Paulo (UTC-3)
        assertThat(supplement.due()).isEqualTo(Instant.parse("2026-03-31T02:59:59Z"));
        assertThat(supplement.recipient()).isEqualTo(Recipient.REGULATOR);
        // before the communication is sent, its clock has not started
        assertThat(only(
                                assess(
                                        "BR=50",
                                        DataCategory.FINANCIAL_ACCOUNT,
                                        CompanyFacts.none(),
                                        null,
                                        Map.of(),
                                        List.of(risk)),
                                "br-lgpd-anpd-supplement")
                        .due())
                .isNull();
        // no relevant risk, no communication, nothing to complete
        var noRisk = new Judgement("RELEVANT_RISK", Answer.NO, "dpo", AWARE, "public data only");
        assertThat(assess("BR=50", DataCategory.FINANCIAL_ACCOUNT, CompanyFacts.none(), null, Map.of(), List.of(noRisk))
                        .obligations())
                .noneSatisfy(o -> assertThat(o.ruleId()).startsWith("br-lgpd-anpd"));
    }

    /**
     * American Express Data Security Operating Policy: a merchant accepting the card tells American
     * Express of a Data Incident within 24 hours of discovery (the shorter of the times its pages give).
     */
    @Test
    void aCardMerchantOwesAmericanExpressItsOwnNoticeUnlessItDoesNotAcceptTheCard() {
        CompanyFacts merchant = new CompanyFacts(List.of("US"), false, false, true, false, false);
        Obligation amex =
                only(assess("US-NY=10", DataCategory.PAYMENT_CARD, merchant, null, Map.of(), List.of()), "card-amex");
        assertThat(amex.due()).isEqualTo(AWARE.plusSeconds(24 * 3600));
        assertThat(amex.recipient()).isEqualTo(Recipient.CARD_BRANDS);
        assertThat(amex.dueText()).contains("counsel decides");
        var notAccepted = new Judgement("AMEX_ACCEPTED", Answer.NO, "cfo", AWARE, "Visa and Mastercard only");
        assertThat(assess("US-NY=10", DataCategory.PAYMENT_CARD, merchant, null, Map.of(), List.of(notAccepted))
                        .obligations())
                .noneSatisfy(o -> assertThat(o.ruleId()).isEqualTo("card-amex"))
                .anySatisfy(o -> assertThat(o.ruleId()).isEqualTo("card-visa"));
        // not a card merchant: nothing owed to the brands
        assertThat(assess("US-NY=10", DataCategory.PAYMENT_CARD, CompanyFacts.none(), null, Map.of(), List.of())
                        .obligations())
                .noneSatisfy(o -> assertThat(o.ruleId()).isEqualTo("card-amex"));
    }

    /**
     * PDPA 2010 (Malaysia) s. 12B as amended in 2024, in operation from 1 June 2025, with the
     * Commissioner's Guideline on Data Breach Notification: the Commissioner within 72 hours unless the
     * breach is not likely to cause significant harm; the data subjects without unnecessary delay when
     * the harm is to them.
     */
    @Test
    void malaysiaOwesTheCommissionerSeventyTwoHoursUnlessNoSignificantHarm() {
        Assessment a = assess("MY=10", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation commissioner = owedInSeventyTwoHours(a, "my-pdpa-commissioner");
        assertThat(commissioner.citation()).startsWith("PDPA 2010 (Malaysia) s. 12B(1)");
        Obligation subjects = only(a, "my-pdpa-individuals");
        assertThat(subjects.status()).isEqualTo(Obligation.Status.CONDITIONAL);
        assertThat(subjects.due()).isNull();
        var noHarm = new Judgement("MY_SIGNIFICANT_HARM", Answer.NO, "dpo", AWARE, "10 e-mail addresses, no harm");
        Assessment answered =
                assess("MY=10", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of(noHarm));
        assertThat(answered.obligations())
                .noneSatisfy(o -> assertThat(o.ruleId()).isEqualTo("my-pdpa-commissioner"));
        assertThat(answered.notRequired())
                .anySatisfy(o -> assertThat(o.ruleId()).isEqualTo("my-pdpa-commissioner"));
        // the law applies only to breaches from 1 June 2025
        Assessment before = new ObligationEngine(
                        BOOK, Clock.fixed(Instant.parse("2025-05-30T12:00:00Z"), ZoneOffset.UTC))
                .evaluate(
                        new IncidentScope(
                                Instant.parse("2025-05-30T10:00:00Z"),
                                Subjects.parse("MY=10"),
                                Set.of(DataCategory.CONTACT),
                                CompanyFacts.none(),
                                ZoneOffset.UTC),
                        List.of());
        assertThat(before.obligations()).noneSatisfy(o -> assertThat(o.ruleId()).startsWith("my-pdpa"));
    }

    /**
     * Privacy Act 2020 (NZ) ss. 112-115: the Privacy Commissioner and the affected individuals as soon
     * as practicable after becoming aware of a breach likely to cause serious harm; no fixed time.
     */
    @Test
    void newZealandOwesTheCommissionerAndIndividualsOnceSeriousHarmIsDecided() {
        var serious = new Judgement("NZ_SERIOUS_HARM", Answer.YES, "dpo", AWARE, "card data and addresses");
        Assessment a =
                assess("NZ=40", DataCategory.PAYMENT_CARD, CompanyFacts.none(), null, Map.of(), List.of(serious));
        for (String id : new String[] {"nz-privacy-commissioner", "nz-privacy-individuals"}) {
            Obligation o = only(a, id);
            assertThat(o.status()).as(id).isEqualTo(Obligation.Status.REQUIRED);
            assertThat(o.due()).as(id).isNull();
            assertThat(o.urgent()).as(id).isTrue();
            assertThat(o.citation()).as(id).startsWith("Privacy Act 2020 (NZ)");
        }
        assertThat(only(
                                assess(
                                        "NZ=40",
                                        DataCategory.PAYMENT_CARD,
                                        CompanyFacts.none(),
                                        null,
                                        Map.of(),
                                        List.of()),
                                "nz-privacy-commissioner")
                        .status())
                .isEqualTo(Obligation.Status.CONDITIONAL);
    }

    /**
     * Data Protection Act 2019 (Kenya) s. 43(1)-(2): where personal data was accessed by an
     * unauthorised person with a real risk of harm, the Data Commissioner within 72 hours of becoming
     * aware, the data subjects within a reasonably practical period.
     */
    @Test
    void kenyaOwesTheDataCommissionerSeventyTwoHoursUnlessNoRealRiskOfHarm() {
        Assessment a = assess("KE=250", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation commissioner = owedInSeventyTwoHours(a, "ke-dpa-commissioner");
        assertThat(commissioner.recipient()).isEqualTo(Recipient.REGULATOR);
        assertThat(commissioner.citation()).isEqualTo("Data Protection Act 2019 (Kenya) s. 43(1)(a), (2), (5)");
        Obligation subjects = only(a, "ke-dpa-individuals");
        assertThat(subjects.due()).isNull();
        assertThat(subjects.urgent()).isFalse();
        assertThat(subjects.citation()).startsWith("Data Protection Act 2019 (Kenya) s. 43(1)(b)");
        assertThat(a.warnings()).noneSatisfy(w -> assertThat(w).contains("KE"));
        // no real risk of harm: neither notice is owed
        var noRisk = new Judgement("KE_REAL_RISK_OF_HARM", Answer.NO, "dpo", AWARE, "a list of shoe sizes");
        Assessment answered =
                assess("KE=250", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of(noRisk));
        assertThat(answered.obligations().stream().map(Obligation::ruleId)).noneMatch(id -> id.startsWith("ke-dpa"));
        assertThat(answered.notRequired().stream().map(Obligation::ruleId))
                .contains("ke-dpa-commissioner", "ke-dpa-individuals");
        // people elsewhere owe Kenya nothing
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("ke-dpa"));
    }

    /**
     * s. 43(6): no communication to the data subjects where security safeguards such as encryption
     * protect the data; the Data Commissioner is still told.
     */
    @Test
    void kenyaDataSubjectsAreNotToldWhenTheDataWereEncrypted() {
        Assessment a = setAsideForEncryptedData("KE=250", "ke-dpa-individuals");
        assertThat(only(a, "ke-dpa-commissioner").due()).isEqualTo(AWARE.plusSeconds(72 * 3600));
    }

    /** s. 43(3): a processor tells the controller within 48 hours, whatever the risk of harm. */
    @Test
    void aKenyanProcessorTellsTheControllerWithinFortyEightHours() {
        CompanyFacts processor = new CompanyFacts(List.of(), false, true, false, false, false);
        var noRisk = new Judgement("KE_REAL_RISK_OF_HARM", Answer.NO, "dpo", AWARE, "no harm seen");
        Assessment a = assess("KE=250", DataCategory.CONTACT, processor, null, Map.of(), List.of(noRisk));
        Obligation controller = only(a, "ke-dpa-controller");
        assertThat(controller.recipient()).isEqualTo(Recipient.CONTROLLER);
        assertThat(controller.due()).isEqualTo(AWARE.plusSeconds(48 * 3600));
        assertThat(controller.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(controller.citation()).isEqualTo("Data Protection Act 2019 (Kenya) s. 43(3)");
        assertThat(owed("KE=250", processor, noRisk)).doesNotContain("ke-dpa-commissioner");
        // a controller owes no notice to itself
        assertThat(owed("KE=250", CompanyFacts.none())).doesNotContain("ke-dpa-controller");
    }

    /**
     * PDPA B.E. 2562 (Thailand) s. 37(4): the Office of the Personal Data Protection Committee within 72
     * hours after becoming aware, unless the breach is unlikely to result in a risk to the rights and
     * freedoms of persons; the data subjects without delay where the risk is high.
     */
    @Test
    void thailandOwesTheOfficeSeventyTwoHoursUnlessTheBreachIsUnlikelyToResultInARisk() {
        Assessment a = assess("TH=300", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation office = owedToTheRegulatorUnlessAnsweredNo(a, "th-pdpa-office", "TH_RISK_TO_RIGHTS");
        assertThat(office.citation())
                .isEqualTo("PDPA B.E. 2562 (Thailand) s. 37(4); PDPC Notification on personal data breach"
                        + " notification B.E. 2565 (2022) s. 5(3)");
        // the data subjects only where the risk is high: unanswered, the notice waits on the judgement
        Obligation subjects = owedWithoutFixedTime(a, "th-pdpa-individuals", true);
        assertThat(subjects.status()).isEqualTo(Obligation.Status.CONDITIONAL);
        assertThat(subjects.citation()).startsWith("PDPA B.E. 2562 (Thailand) s. 37(4)");
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("no rules cover"));
        // unlikely to result in a risk: no notice to the Office
        setAsideBy(
                new Judgement("TH_RISK_TO_RIGHTS", Answer.NO, "dpo", AWARE, "a test record, no real person"),
                "TH=300",
                DataCategory.CONTACT,
                "th-pdpa-office");
        // a high risk: the data subjects are owed their notice, without delay
        var high = new Judgement("TH_HIGH_RISK_TO_RIGHTS", Answer.YES, "dpo", AWARE, "national ID numbers");
        Assessment told =
                assess("TH=300", DataCategory.GOVERNMENT_ID, CompanyFacts.none(), null, Map.of(), List.of(high));
        assertThat(only(told, "th-pdpa-individuals").status()).isEqualTo(Obligation.Status.REQUIRED);
        var notHigh = new Judgement("TH_HIGH_RISK_TO_RIGHTS", Answer.NO, "dpo", AWARE, "email addresses only");
        assertThat(owed("TH=300", CompanyFacts.none(), notHigh))
                .contains("th-pdpa-office")
                .doesNotContain("th-pdpa-individuals");
        // people elsewhere owe Thailand nothing
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("th-pdpa"));
    }

    /**
     * Data Privacy Act of 2012 (Philippines) s. 20(f); NPC Circular 16-03 ss. 11, 17-18: sensitive
     * personal information or information that may enable identity fraud, acquired by an unauthorized
     * person with a real risk of serious harm: the Commission and the data subjects within 72 hours.
     */
    @Test
    void thePhilippinesOweTheCommissionAndTheDataSubjectsSeventyTwoHoursUnlessNoRealRiskOfSeriousHarm() {
        Assessment a = assess("PH=120", DataCategory.GOVERNMENT_ID, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation npc = owedToTheRegulatorUnlessAnsweredNo(a, "ph-dpa-npc", "PH_REAL_RISK_OF_SERIOUS_HARM");
        assertThat(npc.citation())
                .isEqualTo(
                        "Data Privacy Act of 2012 (Philippines) s. 20(f); IRR ss. 38-39; NPC Circular 16-03 ss. 11, 17");
        Obligation subjects = owedInSeventyTwoHours(a, "ph-dpa-individuals");
        assertThat(subjects.recipient()).isEqualTo(Recipient.INDIVIDUALS);
        assertThat(subjects.citation()).endsWith("NPC Circular 16-03 ss. 11, 18");
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("no rules cover"));
        // no real risk of serious harm: neither notice is owed
        setAsideBy(
                new Judgement("PH_REAL_RISK_OF_SERIOUS_HARM", Answer.NO, "dpo", AWARE, "expired ID numbers"),
                "PH=120",
                DataCategory.GOVERNMENT_ID,
                "ph-dpa-npc",
                "ph-dpa-individuals");
        var yes = new Judgement("PH_REAL_RISK_OF_SERIOUS_HARM", Answer.YES, "dpo", AWARE, "ID numbers sold");
        Assessment answered =
                assess("PH=120", DataCategory.GOVERNMENT_ID, CompanyFacts.none(), null, Map.of(), List.of(yes));
        assertThat(only(answered, "ph-dpa-individuals").status()).isEqualTo(Obligation.Status.REQUIRED);
        // contact data alone are neither sensitive nor named as enabling identity fraud: checked, not triggered
        Assessment contact = assess("PH=120", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of(yes));
        assertThat(contact.obligations().stream().map(Obligation::ruleId)).noneMatch(id -> id.startsWith("ph-dpa"));
        assertThat(contact.notTriggered()).anySatisfy(n -> {
            assertThat(n.jurisdiction()).isEqualTo("PH");
            assertThat(n.regime()).isEqualTo("Philippines Data Privacy Act");
            assertThat(n.reason()).contains("CONTACT");
        });
        assertThat(contact.warnings()).noneMatch(w -> w.startsWith("no rules cover"));
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("ph-dpa"));
    }

    /**
     * Law No. 27 of 2022 (Indonesia) Art. 46(1)-(2): for any failure of personal data protection, the
     * personal data subjects and the institution in writing at the latest 3 x 24 hours; no risk test, no
     * encryption safe harbour, no processor's duty in the Law.
     */
    @Test
    void indonesiaOwesTheInstitutionAndTheDataSubjectsThreeTimesTwentyFourHoursForAnyFailure() {
        Assessment a = assess("ID=500", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation institution = owedInSeventyTwoHoursWithoutQuestion(a, "id-pdp-institution", Recipient.REGULATOR);
        assertThat(institution.citation()).isEqualTo("Law No. 27 of 2022 (Indonesia) Art. 46(1)(b), (2)");
        Obligation subjects = owedInSeventyTwoHoursWithoutQuestion(a, "id-pdp-individuals", Recipient.INDIVIDUALS);
        assertThat(subjects.citation()).isEqualTo("Law No. 27 of 2022 (Indonesia) Art. 46(1)(a), (2), (3)");
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("no rules cover"));
        // encrypted data are still a failure of protection: both notices stay owed
        CompanyFacts encrypted = new CompanyFacts(List.of(), false, false, false, false, true);
        assertThat(owed("ID=500", encrypted)).contains("id-pdp-institution", "id-pdp-individuals");
        // a processor has no notice of its own in the Law: the warning sends it to the controller
        aProcessorIsSentToTheController("ID=500", "id-pdp");
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("id-pdp"));
        // a country no rule names keeps the warning for countries without a rule; Indonesia leaves it
        assertThat(assess("ID=500,AR=40", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of())
                        .warnings())
                .anyMatch(w -> w.startsWith("no rules cover") && w.contains("AR=40") && !w.contains("ID="));
    }

    /**
     * Law No. 6698 (Turkey) Art. 12(5) with the Board's Decision 2019/10: for any personal data obtained by
     * others by unlawful means, the Personal Data Protection Board within 72 hours of learning of it and the
     * data subjects as soon as possible after they are identified; no risk test, no encryption safe harbour.
     */
    @Test
    void turkeyOwesTheBoardSeventyTwoHoursAndTheDataSubjectsAsSoonAsPossibleForAnyBreach() {
        Assessment a = assess("TR=400", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation board = owedInSeventyTwoHours(a, "tr-kvkk-board");
        assertThat(board.recipient()).isEqualTo(Recipient.REGULATOR);
        assertThat(board.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(board.question()).isNull();
        assertThat(board.citation())
                .isEqualTo("Law No. 6698 (Turkey) Art. 12(5); Personal Data Protection Board Decision No. 2019/10 of"
                        + " 24 January 2019");
        Obligation subjects = owedWithoutFixedTime(a, "tr-kvkk-individuals", true);
        assertThat(subjects.recipient()).isEqualTo(Recipient.INDIVIDUALS);
        assertThat(subjects.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(subjects.question()).isNull();
        assertThat(subjects.citation())
                .startsWith("Law No. 6698 (Turkey) Art. 12(5)")
                .contains("No. 2019/271");
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("no rules cover"));
        // encrypted data obtained by others are still a breach: both notices stay owed, whatever a GDPR answer says
        CompanyFacts encrypted = new CompanyFacts(List.of(), false, false, false, false, true);
        var gdprNo = new Judgement("RISK", Answer.NO, "dpo", AWARE, "encrypted, key safe");
        assertThat(owed("TR=400", encrypted, gdprNo)).contains("tr-kvkk-board", "tr-kvkk-individuals");
        // a processor tells the controller without delay (Decision 2019/10) and owes none of its notices
        CompanyFacts processor = new CompanyFacts(List.of(), false, true, false, false, false);
        Assessment asProcessor = assess("TR=400", DataCategory.CONTACT, processor, null, Map.of(), List.of());
        Obligation controller = owedWithoutFixedTime(asProcessor, "tr-kvkk-controller", true);
        assertThat(controller.recipient()).isEqualTo(Recipient.CONTROLLER);
        assertThat(controller.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(controller.citation())
                .isEqualTo("Personal Data Protection Board Decision No. 2019/10 of 24 January" + " 2019 (Turkey)");
        assertThat(owed("TR=400", processor)).doesNotContain("tr-kvkk-board", "tr-kvkk-individuals");
        assertThat(owed("TR=400", CompanyFacts.none())).doesNotContain("tr-kvkk-controller");
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("tr-kvkk"));
    }

    /**
     * Protection of Privacy Regulations (Data Security), 5777-2017 (Israel) reg. 11(d): the Privacy
     * Protection Authority immediately of a severe security incident, by the database's owner, manager or
     * holder alike; the data subjects only on the Authority's order.
     */
    @Test
    void israelOwesTheAuthorityAnImmediateNoticeOfASevereSecurityIncidentUnlessAnsweredNo() {
        Assessment a = assess("IL=800", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation authority = owedWithoutFixedTime(a, "il-pps-authority", true);
        assertThat(authority.recipient()).isEqualTo(Recipient.REGULATOR);
        assertThat(authority.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(authority.question().key()).isEqualTo("IL_SEVERE_SECURITY_INCIDENT");
        assertThat(authority.question().judgement()).isNull();
        assertThat(authority.citation())
                .isEqualTo("Protection of Privacy Regulations (Data Security), 5777-2017 (Israel) reg. 11(d)(1)");
        assertThat(BOOK.rule("il-pps-authority").orElseThrow().zone()).isEqualTo(java.time.ZoneId.of("Asia/Jerusalem"));
        // the data subjects only once the Authority orders it: unanswered, the notice waits on the question
        assertThat(owedOnceAnsweredYes("IL=800", "il-pps-individuals", "IL_SUBJECTS_NOTICE_ORDERED", false)
                        .citation())
                .isEqualTo("Protection of Privacy Regulations (Data Security), 5777-2017 (Israel) reg. 11(d)");
        // not a severe security incident (a database at the basic level, say): no notice to the Authority
        coveredUnlessAnsweredNo(a, "IL=800", "IL_SEVERE_SECURITY_INCIDENT", "il-pps-authority");
        var notOrdered = new Judgement("IL_SUBJECTS_NOTICE_ORDERED", Answer.NO, "dpo", AWARE, "no order");
        assertThat(owed("IL=800", CompanyFacts.none(), notOrdered)).contains("il-pps-authority");
        // the holder of the database (a processor) reports to the Authority too; the order is the owner's
        CompanyFacts processor = new CompanyFacts(List.of(), false, true, false, false, false);
        assertThat(owed("IL=800", processor)).contains("il-pps-authority").doesNotContain("il-pps-individuals");
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("il-pps"));
    }

    /**
     * PDPL (Saudi Arabia) Art. 20 with its Implementing Regulations Art. 24(1) and (5): SDAIA within 72 hours
     * of becoming aware and the data subjects without undue delay, unless the breach may not harm the data
     * or the data subjects nor conflict with their rights or interests.
     */
    @Test
    void saudiArabiaOwesSdaiaSeventyTwoHoursAndTheDataSubjectsUnlessNoHarm() {
        Assessment a = assess("SA=600", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation sdaia = owedToTheRegulatorUnlessAnsweredNo(a, "sa-pdpl-sdaia", "SA_HARM_TO_DATA_OR_SUBJECTS");
        assertThat(sdaia.citation())
                .isEqualTo("PDPL (Saudi Arabia) Art. 20(1); PDPL Implementing Regulations Art. 24(1)");
        Obligation subjects = owedWithoutFixedTime(a, "sa-pdpl-individuals", true);
        assertThat(subjects.recipient()).isEqualTo(Recipient.INDIVIDUALS);
        assertThat(subjects.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(subjects.question().key()).isEqualTo("SA_HARM_TO_DATA_OR_SUBJECTS");
        assertThat(subjects.citation())
                .isEqualTo("PDPL (Saudi Arabia) Art. 20(2); PDPL Implementing Regulations Art. 24(5)");
        // one test for both notices: answered NO, neither is owed; answered YES, both are
        coveredUnlessAnsweredNo(a, "SA=600", "SA_HARM_TO_DATA_OR_SUBJECTS", "sa-pdpl-sdaia", "sa-pdpl-individuals");
        var harm = new Judgement("SA_HARM_TO_DATA_OR_SUBJECTS", Answer.YES, "dpo", AWARE, "card numbers taken");
        assertThat(owed("SA=600", CompanyFacts.none(), harm)).contains("sa-pdpl-sdaia", "sa-pdpl-individuals");
        aProcessorOwesTheControllerWithoutFixedTime(
                "SA=600",
                "sa-pdpl-controller",
                false,
                "PDPL (Saudi Arabia) and its Implementing Regulations (processor's duty to notify the controller;"
                        + " article not read)");
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("sa-pdpl"));
    }

    /**
     * Federal Decree-Law No. 45 of 2021 (UAE) Art. 9(1)-(2): the UAE Data Office immediately and the data
     * subjects, where the breach would prejudice the privacy, confidentiality and security of the data; the
     * periods are the Executive Regulations', not issued.
     */
    @Test
    void theEmiratesOweTheDataOfficeAnImmediateReportUnlessNoPrejudiceToPrivacy() {
        Assessment a = assess("AE=350", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation office = owedWithoutFixedTime(a, "ae-pdpl-office", true);
        assertThat(office.recipient()).isEqualTo(Recipient.REGULATOR);
        assertThat(office.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(office.question().key()).isEqualTo("AE_PREJUDICE_TO_PRIVACY");
        assertThat(office.citation()).isEqualTo("Federal Decree-Law No. 45 of 2021 (UAE) Art. 9(1)");
        assertThat(BOOK.rule("ae-pdpl-office").orElseThrow().zone()).isEqualTo(java.time.ZoneId.of("Asia/Dubai"));
        Obligation subjects = owedWithoutFixedTime(a, "ae-pdpl-individuals", false);
        assertThat(subjects.recipient()).isEqualTo(Recipient.INDIVIDUALS);
        assertThat(subjects.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(subjects.citation()).isEqualTo("Federal Decree-Law No. 45 of 2021 (UAE) Art. 9(2)");
        // one test for both reports: answered NO, neither is owed
        coveredUnlessAnsweredNo(a, "AE=350", "AE_PREJUDICE_TO_PRIVACY", "ae-pdpl-office", "ae-pdpl-individuals");
        aProcessorOwesTheControllerWithoutFixedTime(
                "AE=350",
                "ae-pdpl-controller",
                true,
                "Federal Decree-Law No. 45 of 2021 (UAE) Art. 9 (paragraph not read)");
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("ae-pdpl"));
    }

    /**
     * Ley Federal de Protección de Datos Personales en Posesión de los Particulares (Mexico, 2025) Art. 19:
     * the data subjects immediately, where the breach significantly affects their patrimonial or moral
     * rights; no notice to an authority.
     */
    @Test
    void mexicoOwesTheDataSubjectsAnImmediateNoticeOnceASignificantEffectIsAnswered() {
        Obligation subjects = owedOnceAnsweredYes("MX=700", "mx-lfpdppp-individuals", "MX_SIGNIFICANT_EFFECT", true);
        assertThat(subjects.recipient()).isEqualTo(Recipient.INDIVIDUALS);
        assertThat(subjects.citation())
                .isEqualTo("Ley Federal de Protección de Datos Personales en Posesión de los Particulares (Mexico,"
                        + " 2025) Art. 19; Reglamento (2011) arts. 64-65");
        assertThat(BOOK.rule("mx-lfpdppp-individuals").orElseThrow().zone())
                .isEqualTo(java.time.ZoneId.of("America/Mexico_City"));
        Assessment a = assess("MX=700", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("no rules cover"));
        // the Law owes no notice to an authority: the data subjects' is Mexico's only rule
        assertThat(a.obligations().stream()
                        .filter(o -> o.ruleId().startsWith("mx-"))
                        .map(Obligation::ruleId))
                .containsExactly("mx-lfpdppp-individuals");
        aProcessorIsSentToTheController("MX=700", "mx-");
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("mx-"));
    }

    /**
     * Law on Personal Data Protection No. 91/2025/QH15 (Vietnam) Art. 23(1)-(2) with Decree No. 356/2025/ND-CP
     * Art. 28: where a violation may harm national defence, security, social order or the data subjects' life,
     * health, honour, dignity or property, the specialised personal data protection agency (the Ministry of
     * Public Security's A05) no later than 72 hours from detection; a processor tells the controller in a
     * timely manner.
     */
    @Test
    void vietnamOwesTheAgencySeventyTwoHoursFromDetectionUnlessNoHarm() {
        Assessment a = assess("VN=300", DataCategory.CONTACT, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation agency =
                owedToTheRegulatorUnlessAnsweredNo(a, "vn-pdpl-authority@2026", "VN_HARM_TO_SECURITY_OR_SUBJECTS");
        assertThat(agency.citation())
                .isEqualTo("Law on Personal Data Protection No. 91/2025/QH15 (Vietnam) Art. 23(1)-(2); Decree No."
                        + " 356/2025/ND-CP Art. 28");
        assertThat(agency.dueText()).contains("72 hours from the detection", "A05");
        assertThat(a.warnings()).noneMatch(w -> w.startsWith("no rules cover"));
        // the Law owes the data subjects no notice for contact data, and Decree 13's version is no longer in force
        assertThat(a.obligations().stream()
                        .filter(o -> o.ruleId().startsWith("vn-"))
                        .map(Obligation::ruleId))
                .containsExactly("vn-pdpl-authority@2026");
        // no harm to security or to the data subjects: no notice within 72 hours
        coveredUnlessAnsweredNo(a, "VN=300", "VN_HARM_TO_SECURITY_OR_SUBJECTS", "vn-pdpl-authority@2026");
        // a processor tells the controller at once, whatever the harm, and owes none of the controller's notices
        var noHarm = new Judgement("VN_HARM_TO_SECURITY_OR_SUBJECTS", Answer.NO, "dpo", AWARE, "no harm seen");
        assertThat(processorTellsTheControllerAtOnce(
                                "VN=300", noHarm, "vn-pdpl-controller@2026", "vn-pdpl-authority@2026")
                        .citation())
                .isEqualTo("Law on Personal Data Protection No. 91/2025/QH15 (Vietnam) Art. 23(1)");
        assertThat(owed("DE=250", CompanyFacts.none())).noneMatch(id -> id.startsWith("vn-"));
    }

    /**
     * Decree No. 356/2025/ND-CP (Vietnam) Art. 29(1): an incident involving biometric data is notified to the
     * data subjects within 72 hours; other data owe them no notice under the Law.
     */
    @Test
    void vietnameseDataSubjectsAreToldWithinSeventyTwoHoursOfABiometricLeak() {
        Assessment a = assess("VN=300", DataCategory.BIOMETRIC, CompanyFacts.none(), null, Map.of(), List.of());
        Obligation subjects = owedInSeventyTwoHoursWithoutQuestion(a, "vn-pdpl-individuals", Recipient.INDIVIDUALS);
        assertThat(subjects.citation()).startsWith("Decree No. 356/2025/ND-CP (Vietnam) Art. 29(1)-(3)");
        owedInSeventyTwoHours(a, "vn-pdpl-authority@2026");
        // contact data: checked and not owed to the data subjects
        assertThat(owed("VN=300", CompanyFacts.none())).doesNotContain("vn-pdpl-individuals");
    }

    /**
     * Decree No. 13/2023/ND-CP (Vietnam) Art. 23, in force from 1 July 2023 to 31 December 2025: the Ministry of
     * Public Security within 72 hours for any violation, no harm test; before 1 July 2023 no rule applies.
     */
    @Test
    void beforeTheLawVietnamsDecreeThirteenOwesTheMinistrySeventyTwoHoursForAnyViolation() {
        Instant aware = Instant.parse("2025-06-10T02:00:00Z");
        Assessment a = assessAwareAt(aware);
        Obligation ministry = only(a, "vn-pdpl-authority");
        assertThat(ministry.due()).isEqualTo(aware.plusSeconds(72 * 3600));
        assertThat(ministry.status()).isEqualTo(Obligation.Status.REQUIRED);
        assertThat(ministry.question()).isNull();
        assertThat(ministry.citation()).isEqualTo("Decree No. 13/2023/ND-CP (Vietnam) Art. 23(1), (3)");
        assertThat(ministry.dueText()).contains("after the violation occurred");
        assertThat(a.obligations().stream().map(Obligation::ruleId)).noneMatch(id -> id.endsWith("@2026"));
        // the last day of Decree 13 and the first of the Law, on Vietnam's clock
        assertThat(ruleIdsAwareAt("2025-12-31T23:30:00+07:00")).contains("vn-pdpl-authority");
        assertThat(ruleIdsAwareAt("2026-01-01T00:30:00+07:00")).contains("vn-pdpl-authority@2026");
        assertThat(ruleIdsAwareAt("2023-06-30T12:00:00+07:00")).noneMatch(id -> id.startsWith("vn-"));
    }

    /** Contact data of 300 people in Vietnam, the company aware at {@code aware}. */
    private Assessment assessAwareAt(Instant aware) {
        return engine.evaluate(
                new IncidentScope(
                        aware,
                        Subjects.parse("VN=300"),
                        Set.of(DataCategory.CONTACT),
                        CompanyFacts.none(),
                        ZoneOffset.UTC,
                        null,
                        Map.of()),
                List.of());
    }

    private List<String> ruleIdsAwareAt(String awareAt) {
        return assessAwareAt(java.time.OffsetDateTime.parse(awareAt).toInstant()).obligations().stream()
                .map(Obligation::ruleId)
                .toList();
    }

    private static final String[] MY_NUMBER_RULES = {
        "jp-mynumber-preliminary", "jp-mynumber-final", "jp-mynumber-individuals"
    };

    private static final String[] MY_NUMBER_UNLAWFUL_RULES = {
        "jp-mynumber-preliminary-unlawful", "jp-mynumber-final-unlawful", "jp-mynumber-individuals-unlawful"
    };

    /**
     * Government ids of people in Japan and the answers given (unauthorized access, reportable at any size, is
     * in the scenario table).
     */
    private Assessment governmentIdsInJapan(String subjects, Judgement... judgements) {
        return assess(subjects, DataCategory.GOVERNMENT_ID, CompanyFacts.none(), null, Map.of(), List.of(judgements));
    }

    private static List<String> ids(Collection<Obligation> obligations) {
        return obligations.stream().map(Obligation::ruleId).toList();
    }

    /**
     * My Number Act Art. 29-4 with the PPC's Rules on reports of leaks of specific personal information: a leak
     * of more than 100 people's specific personal information is reported to the Personal Information Protection
     * Commission (preliminary report promptly, final report within 30 days, the day of awareness counting as day
     * 1) and notified to the individuals. A government id may not be a My Number, so each notice waits on
     * JP_MY_NUMBER.
     */
    @Test
    void aMyNumberLeakOfMoreThanOneHundredPeopleIsReportedOnceTheIdsAreAnsweredMyNumbers() {
        Assessment a = governmentIdsInJapan("JP=101");
        for (String id : MY_NUMBER_RULES) {
            Obligation o = only(a, id);
            assertThat(o.status()).as(id).isEqualTo(Obligation.Status.CONDITIONAL);
            assertThat(o.question().key()).as(id).isEqualTo("JP_MY_NUMBER");
            assertThat(o.question().text()).as(id).startsWith("Is any of the government ids a My Number");
        }
        assertThat(ids(a.obligations())).doesNotContain(MY_NUMBER_UNLAWFUL_RULES);
        Obligation preliminary = only(a, "jp-mynumber-preliminary");
        assertThat(preliminary.recipient()).isEqualTo(Recipient.REGULATOR);
        assertThat(preliminary.due()).isNull();
        assertThat(preliminary.dueText()).contains("about 3 to 5 days");
        assertThat(preliminary.citation()).startsWith("My Number Act Art. 29-4(1)");
        // aware 2026-03-03 00:00 in Tokyo (15:00 UTC the day before): day 1 is March 3, day 30 April 1
        Obligation fin = only(a, "jp-mynumber-final");
        assertThat(BOOK.rule("jp-mynumber-final").orElseThrow().zone()).isEqualTo(java.time.ZoneId.of("Asia/Tokyo"));
        assertThat(fin.due()).isEqualTo(Instant.parse("2026-04-01T14:59:59Z"));
        assertThat(only(a, "jp-mynumber-individuals").recipient()).isEqualTo(Recipient.INDIVIDUALS);
        assertThat(only(a, "jp-mynumber-individuals").citation()).startsWith("My Number Act Art. 29-4(2)");
        // answered YES: owed; answered NO (not My Numbers): set aside
        var myNumbers = new Judgement("JP_MY_NUMBER", Answer.YES, "dpo", AWARE, "payroll records with My Numbers");
        Assessment yes = governmentIdsInJapan("JP=101", myNumbers);
        for (String id : MY_NUMBER_RULES) {
            assertThat(only(yes, id).status()).as(id).isEqualTo(Obligation.Status.REQUIRED);
        }
        var passports = new Judgement("JP_MY_NUMBER", Answer.NO, "dpo", AWARE, "passport numbers only");
        Assessment no = governmentIdsInJapan("JP=101", passports);
        assertThat(ids(no.obligations())).noneMatch(id -> id.startsWith("jp-mynumber"));
        assertThat(ids(no.notRequired())).contains(MY_NUMBER_RULES);
    }

    /** "More than 100": 100 people are below the threshold, and the check says so; other data are not My Numbers. */
    @Test
    void aMyNumberLeakOfOneHundredPeopleIsCheckedAndNotTriggered() {
        Assessment a = governmentIdsInJapan("JP=100");
        assertThat(ids(a.obligations())).noneMatch(id -> id.startsWith("jp-"));
        assertThat(a.notTriggered()).anySatisfy(n -> {
            assertThat(n.jurisdiction()).isEqualTo("JP");
            assertThat(n.regime()).isEqualTo("Japan My Number Act");
            assertThat(n.reason()).isEqualTo("100 affected, below its threshold of 101");
        });
        // contact data of many: the APPI's 1,000 people, not the My Number Act
        assertThat(owed("JP=5000", CompanyFacts.none()))
                .contains("jp-appi-preliminary")
                .noneMatch(id -> id.startsWith("jp-mynumber"));
        // highly encrypted specific personal information is excluded from the Rules
        CompanyFacts encrypted = new CompanyFacts(List.of(), false, false, false, false, true);
        Assessment sealed = assess("JP=500", DataCategory.GOVERNMENT_ID, encrypted, null, Map.of(), List.of());
        assertThat(ids(sealed.obligations())).doesNotContain(MY_NUMBER_RULES);
        assertThat(sealed.notRequired()).anySatisfy(o -> {
            assertThat(o.ruleId()).isEqualTo("jp-mynumber-preliminary");
            assertThat(o.basis()).contains("encryption safe harbour");
        });
        // a processor: the APPI's notice to the entruster, none of the controller's My Number reports
        CompanyFacts processor = new CompanyFacts(List.of(), false, true, false, false, false);
        assertThat(ids(assess("JP=500", DataCategory.GOVERNMENT_ID, processor, null, Map.of(), List.of())
                        .obligations()))
                .contains("jp-appi-processor")
                .noneMatch(id -> id.startsWith("jp-mynumber"));
    }

    /**
     * A processor tells the controller of the breach at once, whatever the risk: PDPA B.E. 2562 (Thailand)
     * s. 40(2); NPC Circular 16-03 s. 16 and NPC Advisory 18-01 (the Philippines).
     */
    @Test
    void aProcessorTellsTheControllerAtOnce() {
        var thaiNoRisk = new Judgement("TH_RISK_TO_RIGHTS", Answer.NO, "dpo", AWARE, "no risk seen");
        assertThat(processorTellsTheControllerAtOnce(
                                "TH=300", thaiNoRisk, "th-pdpa-controller", "th-pdpa-office", "th-pdpa-individuals")
                        .citation())
                .startsWith("PDPA B.E. 2562 (Thailand) s. 40(2)");
        var philippineNoRisk = new Judgement("PH_REAL_RISK_OF_SERIOUS_HARM", Answer.NO, "dpo", AWARE, "no harm seen");
        assertThat(processorTellsTheControllerAtOnce(
                                "PH=120", philippineNoRisk, "ph-dpa-controller", "ph-dpa-npc", "ph-dpa-individuals")
                        .citation())
                .isEqualTo("NPC Circular 16-03 s. 16; NPC Advisory 18-01");
    }

    /**
     * The 72 hours are absolute (docs/regulation.md, "Deadlines"), shown on the clock of the rule's zone:
     * aware at 22:00 in Bangkok, the Office's notice is due at 22:00 three days later, Bangkok time.
     */
    @Test
    void theSeventyTwoHoursRunOnTheClockOfEachCountry() {
        dueSeventyTwoHoursLaterOnTheClockOf(
                "Asia/Bangkok", "2026-03-02T22:00:00", "TH=300", DataCategory.CONTACT, "th-pdpa-office");
        dueSeventyTwoHoursLaterOnTheClockOf(
                "Asia/Manila", "2026-03-02T09:30:00", "PH=120", DataCategory.CREDENTIALS, "ph-dpa-npc");
        dueSeventyTwoHoursLaterOnTheClockOf(
                "Asia/Manila", "2026-03-02T09:30:00", "PH=120", DataCategory.CREDENTIALS, "ph-dpa-individuals");
        dueSeventyTwoHoursLaterOnTheClockOf(
                "Asia/Jakarta", "2026-03-02T23:45:00", "ID=500", DataCategory.CONTACT, "id-pdp-institution");
        dueSeventyTwoHoursLaterOnTheClockOf(
                "Europe/Istanbul", "2026-03-02T23:30:00", "TR=400", DataCategory.CONTACT, "tr-kvkk-board");
        dueSeventyTwoHoursLaterOnTheClockOf(
                "Asia/Riyadh", "2026-03-02T21:15:00", "SA=600", DataCategory.CONTACT, "sa-pdpl-sdaia");
        dueSeventyTwoHoursLaterOnTheClockOf(
                "Asia/Ho_Chi_Minh", "2026-03-02T23:30:00", "VN=300", DataCategory.CONTACT, "vn-pdpl-authority@2026");
        dueSeventyTwoHoursLaterOnTheClockOf(
                "Asia/Ho_Chi_Minh", "2026-03-02T23:30:00", "VN=300", DataCategory.BIOMETRIC, "vn-pdpl-individuals");
    }

    @Test
    void theReviewIsRecordedInTheRuleFileAndPrintedInTheTable() {
        RuleBook.Review review = BOOK.review().orElseThrow();
        assertThat(review.date()).hasToString("2026-12-07");
        assertThat(review.findings())
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("us-ar-ag");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.FIXED);
                })
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("sg-pdpa-pdpc");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.FIXED);
                    assertThat(f.source()).contains("sso.agc.gov.sg");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules())
                            .containsExactly("ke-dpa-commissioner", "ke-dpa-individuals", "ke-dpa-controller");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.source()).contains("s. 43(1)(a)-(b), (2)-(6)");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules())
                            .containsExactly("th-pdpa-office", "th-pdpa-individuals", "th-pdpa-controller");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.source()).contains("s. 37(4) quoted");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("ph-dpa-npc", "ph-dpa-individuals", "ph-dpa-controller");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.source()).contains("privacy.gov.ph");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("id-pdp-institution", "id-pdp-individuals");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.source()).contains("Art. 46(1)-(3) quoted");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("tr-kvkk-board", "tr-kvkk-individuals", "tr-kvkk-controller");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.source()).contains("Decision 2019/10 in English, Art. 12(5) quoted");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("il-pps-authority", "il-pps-individuals");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.text()).contains("COUNSEL_DECIDES whether Amendment 13");
                    assertThat(f.source()).contains("formspdf.justice.gov.il");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("sa-pdpl-sdaia", "sa-pdpl-individuals");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.text()).contains("COUNSEL_DECIDES the number");
                    assertThat(f.source()).contains("Art. 24(1)(a)-(e) reproduced");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("ae-pdpl-office", "ae-pdpl-individuals");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.text()).contains("COUNSEL_DECIDES whether the notices bind before then");
                    assertThat(f.source()).contains("Art. 9(1) quoted; Executive Regulations not published");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules()).containsExactly("mx-lfpdppp-individuals");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.text()).contains("Art. 19 (formerly Art. 20)");
                    assertThat(f.source()).contains("todopdp.com");
                })
                .anySatisfy(f -> {
                    assertThat(f.rules())
                            .containsExactly("vn-pdpl-authority", "vn-pdpl-controller", "vn-pdpl-individuals");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.text()).startsWith("Vietnam, searched again and now encoded.");
                    assertThat(f.source()).contains("apolatlegal.com", "Decree 13 Art. 23(1) quoted");
                })
                .noneSatisfy(f -> assertThat(f.text()).startsWith("Vietnam was searched and is not encoded."))
                .anySatisfy(f -> {
                    assertThat(f.rules()).contains("jp-mynumber-preliminary", "jp-mynumber-final-unlawful");
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.ADDED);
                    assertThat(f.text()).contains("JP_MY_NUMBER", "more than 100 people");
                    assertThat(f.source()).contains("elaws.jp", "ppc.go.jp");
                })
                .anySatisfy(f -> {
                    assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.MISSING);
                    assertThat(f.text())
                            .doesNotContain("Kenya")
                            .doesNotContain("Thailand")
                            .doesNotContain("Philippines")
                            .doesNotContain("Indonesia")
                            .doesNotContain("Vietnam")
                            .doesNotContain("Turkey")
                            .doesNotContain("Israel")
                            .doesNotContain("Saudi Arabia")
                            .doesNotContain("United Arab Emirates")
                            .doesNotContain("Mexico")
                            .contains("were not searched")
                            .contains("counsel must handle them by hand");
                })
                .allSatisfy(f -> assertThat(f.source()).isNotBlank());
        String md = RuleTable.markdown(BOOK);
        assertThat(md)
                .contains("## Counsel's review (2026-12-07)")
                .contains("| us-ar-ag | FIXED | ")
                .contains("| br-lgpd-anpd-supplement | ADDED | ")
                .contains("| ke-dpa-commissioner, ke-dpa-individuals, ke-dpa-controller | ADDED | ")
                .contains("| th-pdpa-office, th-pdpa-individuals, th-pdpa-controller | ADDED | ")
                .contains("| ph-dpa-npc, ph-dpa-individuals, ph-dpa-controller | ADDED | ")
                .contains("| id-pdp-institution, id-pdp-individuals | ADDED | ")
                .contains("| tr-kvkk-board, tr-kvkk-individuals, tr-kvkk-controller | ADDED | ")
                .contains("| il-pps-authority, il-pps-individuals | ADDED | ")
                .contains("| sa-pdpl-sdaia, sa-pdpl-individuals | ADDED | ")
                .contains("| ae-pdpl-office, ae-pdpl-individuals | ADDED | ")
                .contains("| mx-lfpdppp-individuals | ADDED | ")
                .contains("| vn-pdpl-authority, vn-pdpl-controller, vn-pdpl-individuals | ADDED | ")
                .contains("| jp-mynumber-preliminary, jp-mynumber-preliminary-unlawful, jp-mynumber-final,"
                        + " jp-mynumber-final-unlawful, jp-mynumber-individuals, jp-mynumber-individuals-unlawful"
                        + " | ADDED | ");
    }

    private static final String HEAD = """
            {"version":"t","disclaimer":"Not legal advice.","regions":{},"zones":{"DE":"Europe/Berlin"},
             "calendars":{},"questions":{},%s
             "rules":[{"id":"a","regime":"R","jurisdiction":"DE","recipient":"REGULATOR",
             "trigger":{"scope":["DE"]},"deadline":{"kind":"HOURS","amount":72,"from":"AWARENESS","text":"72 h"},
             "content":["x"],"citation":"c","confidence":"SECONDARY","source":"s","inForce":{"from":"2020-01-01"}}]}""";

    private static RuleBook load(String review) {
        return RuleBook.load(
                new ByteArrayInputStream(HEAD.formatted(review).getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void aReviewNamingNoRuleOrNoKnownOutcomeIsRefusedWithItsPlace() {
        assertThat(load("\"review\":{\"date\":\"2026-12-07\",\"findings\":[{\"rules\":[\"a\"],"
                                + "\"outcome\":\"CONFIRMED\",\"text\":\"t\",\"source\":\"s\"}]},")
                        .review())
                .isPresent();
        assertThatThrownBy(() -> load("\"review\":{\"date\":\"2026-12-07\",\"findings\":[{\"rules\":[\"b\"],"
                        + "\"outcome\":\"CONFIRMED\",\"text\":\"t\",\"source\":\"s\"}]},"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("test.json: review.findings[0].rules: 'b' names no rule");
        assertThatThrownBy(() -> load("\"review\":{\"date\":\"2026-12-07\",\"findings\":[{\"rules\":[],"
                        + "\"outcome\":\"MAYBE\",\"text\":\"t\",\"source\":\"s\"}]},"))
                .isInstanceOf(RuleBookException.class)
                .hasMessageContaining("test.json: review.findings[0].outcome: 'MAYBE' is not one of");
        assertThat(load("").review()).isEmpty();
    }
}
