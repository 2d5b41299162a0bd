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
 * 15/2024 Art. 6's complementary information; American Express's Data Security Operating Policy),
 * and the review itself as the rule file records it.
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
        CompanyFacts encrypted = new CompanyFacts(List.of(), false, false, false, false, true);
        Assessment a = assess("SG=600", DataCategory.FINANCIAL_ACCOUNT, encrypted, null, Map.of(), List.of());
        assertThat(a.obligations()).noneSatisfy(o -> assertThat(o.ruleId()).isEqualTo("sg-pdpa-individuals"));
        assertThat(a.notRequired()).anySatisfy(o -> {
            assertThat(o.ruleId()).isEqualTo("sg-pdpa-individuals");
            assertThat(o.basis()).contains("encryption safe harbour");
        });
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
        Obligation commissioner = only(a, "my-pdpa-commissioner");
        assertThat(commissioner.due()).isEqualTo(AWARE.plusSeconds(72 * 3600));
        assertThat(commissioner.status()).isNotEqualTo(Obligation.Status.NOT_REQUIRED);
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
                .anySatisfy(f -> assertThat(f.outcome()).isEqualTo(RuleBook.Outcome.MISSING))
                .allSatisfy(f -> assertThat(f.source()).isNotBlank());
        String md = RuleTable.markdown(BOOK);
        assertThat(md)
                .contains("## Counsel's review (2026-12-07)")
                .contains("| us-ar-ag | FIXED | ")
                .contains("| br-lgpd-anpd-supplement | ADDED | ");
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
