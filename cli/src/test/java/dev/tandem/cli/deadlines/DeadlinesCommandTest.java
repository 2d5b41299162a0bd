package dev.tandem.cli.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DeadlinesCommandTest {
    private static CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("deadlines"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void jsonStartsEachObligationWithTheContractFieldsInOrder() {
        CliRun r = run(
                "--aware", "2026-10-23T10:00:00+02:00",
                "--subjects", "DE=1200,US-TX=300",
                "--data", "CONTACT,GOVERNMENT_ID",
                "--established", "DE",
                "--now", "2026-10-23T12:00:00+02:00",
                "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(r.out());
        assertThat(root.propertyNames().iterator().next()).isEqualTo("obligations");
        JsonNode gdpr = null;
        for (JsonNode o : root.get("obligations")) {
            assertThat(new ArrayList<>(o.propertyNames()).subList(0, 7))
                    .containsExactly("regime", "jurisdiction", "recipient", "due", "dueText", "citation", "confidence");
            if (o.get("citation").asString().startsWith("GDPR Art. 33(1)")) {
                gdpr = o;
            }
        }
        assertThat(gdpr).isNotNull();
        assertThat(gdpr.get("jurisdiction").asString()).isEqualTo("EU");
        // the one-stop shop: the authority of the main establishment leads (GDPR Art. 56(1))
        assertThat(gdpr.get("leadAuthority").asString()).isEqualTo("DE");
        assertThat(gdpr.get("recipient").asString()).isEqualTo("SUPERVISORY_AUTHORITY");
        assertThat(gdpr.get("due").asString()).isEqualTo("2026-10-26T08:00:00Z");
        assertThat(gdpr.get("dueLocal").asString()).isEqualTo("2026-10-26T10:00+02:00");
        assertThat(gdpr.get("confidence").asString()).isEqualTo("PRIMARY");
    }

    /** The recipients of the obligations a run lists. */
    private static List<String> recipients(CliRun r) {
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode o : JsonMapper.builder().build().readTree(r.out()).get("obligations")) {
            out.add(o.get("recipient").asString());
        }
        return out;
    }

    @Test
    void aCardMerchantIsInferredFromCardDataUnlessTheOptionSaysOtherwise() {
        String[] base = {
            "--aware",
            "2026-10-23T10:00:00Z",
            "--subjects",
            "US-TX=300",
            "--now",
            "2026-10-23T12:00:00Z",
            "--format",
            "json"
        };
        List<String> inferred = recipients(run(concat(base, "--data", "CONTACT,PAYMENT_CARD")));
        assertThat(inferred).contains("CARD_BRANDS", "ACQUIRER");
        // a marketplace whose breach involves cards it does not accept itself: no card-brand duties
        List<String> notAMerchant =
                recipients(run(concat(base, "--data", "CONTACT,PAYMENT_CARD", "--no-card-merchant")));
        assertThat(notAMerchant).doesNotContain("CARD_BRANDS", "ACQUIRER").isNotEmpty();
        assertThat(recipients(run(concat(base, "--data", "CONTACT,PAYMENT_CARD", "--card-merchant"))))
                .isEqualTo(inferred);
        // the card brands' rules need card data: a merchant whose breach has none owes them nothing
        assertThat(recipients(run(concat(base, "--data", "CONTACT", "--card-merchant"))))
                .isEqualTo(recipients(run(concat(base, "--data", "CONTACT"))))
                .doesNotContain("CARD_BRANDS", "ACQUIRER");
    }

    @Test
    void theTextNamesTheLeadAuthorityOnlyWhereTheOneStopShopApplies() {
        CliRun established = run(
                "--aware", "2026-10-23T10:00:00+02:00",
                "--subjects", "DE=1200,FR=40",
                "--data", "CONTACT",
                "--established", "FR,DE",
                "--now", "2026-10-23T12:00:00+02:00");
        assertThat(established.out()).contains("EU (lead authority: FR)  SUPERVISORY_AUTHORITY  EU GDPR");
        // without an EU establishment each member state's authority is told: no lead
        CliRun abroad = run(
                "--aware", "2026-10-23T10:00:00+02:00",
                "--subjects", "DE=1200,FR=40",
                "--data", "CONTACT",
                "--now", "2026-10-23T12:00:00+02:00");
        assertThat(abroad.out())
                .contains("  DE  SUPERVISORY_AUTHORITY  EU GDPR")
                .doesNotContain("lead authority:");
    }

    /**
     * The lead authority in Ireland counts in Dublin's time, not the rule file's EU zone (Brussels):
     * 72 hours after 10:00 Irish time on 23 October is 09:00 on the 26th in Dublin, after summer time
     * ended.
     */
    @Test
    void theGdprNoticeToTheLeadAuthorityIsShownInItsMemberStatesZone() {
        CliRun r = run(
                "--aware", "2026-10-23T10:00:00+01:00",
                "--subjects", "IE=1200",
                "--data", "CONTACT",
                "--established", "IE",
                "--now", "2026-10-23T12:00:00+01:00");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("2026-10-26 09:00:00 +00:00 Europe/Dublin (2026-10-26T09:00:00Z)  EU (lead authority: IE)")
                .doesNotContain("Europe/Brussels (2026-10-26T09:00:00Z)");
    }

    /** "None found" names the laws checked: Massachusetts' 93H does not cover contact data. */
    @Test
    void whereNothingIsOwedTheTextAndTheJsonNameTheLawsCheckedAndWhy() {
        String[] args = {
            "--aware", "2026-12-05T23:03:56Z",
            "--subjects", "AR=100,US-MA=10,US-NY=10",
            "--data", "CONTACT",
            "--established", "US",
            "--now", "2026-12-06T00:00:00Z"
        };
        CliRun text = run(args);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("No notification obligations found for this scope (the laws checked are listed below).")
                .contains("Checked, not triggered:")
                .contains("  US-MA: Massachusetts breach law (Mass. Gen. Laws ch. 93H")
                .contains("not triggered: CONTACT is not among the data it is owed for")
                .contains("  US-NY: ");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "json"));
        CliRun json = run(all.toArray(String[]::new));
        JsonNode root = JsonMapper.builder().build().readTree(json.out());
        assertThat(root.path("notTriggered").toString()).contains("\"jurisdiction\":\"US-MA\"");
        assertThat(root.path("obligations").isEmpty()).isTrue();
    }

    @Test
    void openEndedObligationHasNullDueAndSaysWhy() {
        CliRun r = run(
                "--aware",
                "2026-10-23T10:00:00+02:00",
                "--subjects",
                "DE=10",
                "--data",
                "CONTACT",
                "--established",
                "DE",
                "--processor",
                "--now",
                "2026-10-23T11:00:00+02:00",
                "--format",
                "json");
        JsonNode o = JsonMapper.builder()
                .build()
                .readTree(r.out())
                .get("obligations")
                .get(0);
        assertThat(o.get("recipient").asString()).isEqualTo("CONTROLLER");
        assertThat(o.get("due").isNull()).isTrue();
        assertThat(o.get("dueText").asString()).contains("without undue delay");
    }

    @Test
    void exitsOneWhenARequiredDeadlineHasPassed() {
        CliRun r = run(
                "--aware",
                "2026-10-23T10:00:00+02:00",
                "--subjects",
                "DE=10",
                "--data",
                "CONTACT",
                "--established",
                "DE",
                "--now",
                "2026-10-26T09:00:01Z");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("MISSED").contains("1 required deadline(s) missed");
    }

    @Test
    void textSaysItIsNotLegalAdvice() {
        CliRun r = run("--aware", "2026-10-23T10:00:00Z", "--subjects", "GB=5", "--now", "2026-10-23T10:00:00Z");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("NOT LEGAL ADVICE");
    }

    @Test
    void materialityDecisionStartsTheSecClock() {
        CliRun r = run(
                "--aware",
                "2026-11-05T09:00:00-05:00",
                "--subjects",
                "US-NY=10",
                "--sec-registrant",
                "--decide",
                "MATERIAL=YES@2026-11-09T16:00:00-05:00",
                "--now",
                "2026-11-10T00:00:00Z",
                "--format",
                "json");
        JsonNode sec = null;
        for (JsonNode o : JsonMapper.builder().build().readTree(r.out()).get("obligations")) {
            if (o.get("recipient").asString().equals("SEC")) {
                sec = o;
            }
        }
        assertThat(sec).isNotNull();
        // Four business days (Veterans Day skipped), ending 17:30 Eastern: an EDGAR filing after 17:30
        // counts as filed the next business day (17 CFR 232.13(a)(2)).
        assertThat(sec.get("due").asString()).isEqualTo("2026-11-16T22:30:00Z");
        assertThat(sec.get("question").get("answer").asString()).isEqualTo("YES");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--subjects|XX=5|'XX'",
                "--subjects|US-ZZ=5|'US-ZZ'",
                "--subjects|UK=5|GB",
                "--subjects|EL=5|writes Greece as GR",
                "--subjects|DE=-3|negative",
                "--subjects|DE=many|'many'",
                "--data|EMAIL|'EMAIL'",
                "--aware|2026-10-23T10:00|no UTC offset",
                "--established|ZZ|'ZZ'",
                "--decide|MATERIAL=MAYBE@2026-11-09T16:00Z|'MAYBE'",
                "--decide|LUCK=YES@2026-11-09T16:00Z|'LUCK'",
                "--format|xml|'xml'",
            })
    void rejectsBadInputNamingTheValue(String option, String value, String named) {
        List<String> args = new ArrayList<>(
                List.of("--aware", "2026-10-23T10:00:00Z", "--subjects", "DE=5", "--now", "2026-10-23T10:00:00Z"));
        int i = args.indexOf(option);
        if (i >= 0) {
            args.set(i + 1, value);
        } else {
            args.add(option);
            args.add(value);
        }
        CliRun r = run(args.toArray(String[]::new));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(named).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    /** A --decide without its time is refused with an example of the form and the rule book's questions. */
    @Test
    void refusesADecisionWithoutATimeShowingAnExampleAndTheQuestions() {
        CliRun r = run("--aware", "2026-10-23T10:00:00Z", "--subjects", "DE=5", "--decide", "RISK=YES");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("--decide 'RISK=YES' is not QUESTION=YES|NO@TIME (e.g. RISK=YES@2026-12-05T12:00:00Z)")
                .containsPattern("questions: [A-Z_, ]*\\bRISK\\b[A-Z_, ]*\\bHIGH_RISK\\b[A-Z_, ]*\\bMATERIAL\\b")
                .doesNotContain("Exception");
        CliRun noAnswer = run("--aware", "2026-10-23T10:00:00Z", "--subjects", "DE=5", "--decide", "yes");
        assertThat(noAnswer.err()).contains("(e.g. RISK=YES@2026-12-05T12:00:00Z)");
        CliRun other = run("--aware", "2026-10-23T10:00:00Z", "--subjects", "DE=5", "--decide", "material=NO");
        assertThat(other.err()).contains("(e.g. MATERIAL=YES@2026-12-05T12:00:00Z)");
    }

    @Test
    void rejectsAnUnusableRuleFileNamingTheRule(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var file = dir.resolve("rules.json");
        java.nio.file.Files.writeString(file, "{\"version\":\"x\"", java.nio.charset.StandardCharsets.UTF_8);
        CliRun r = run("--aware", "2026-10-23T10:00:00Z", "--subjects", "DE=5", "--rules", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(file.toString()).contains("not valid JSON");
    }

    /**
     * Vermont's 14 business days (aware Friday 2027-02-26, Town Meeting Day on March 2) end at 23:59:59
     * Eastern on March 19, after summer time began on March 14. In a zone, dueLocal reads 23:59:59-04:00;
     * in the fixed offset of --aware (the documented default) it reads 22:59:59-05:00, the same instant,
     * and a warning says the offset is fixed.
     */
    @Test
    void dueLocalFollowsTheZonesRulesAndAFixedOffsetIsNamedInAWarning() {
        String[] base = {
            "--aware", "2027-02-26T10:00:00-05:00",
            "--subjects", "US-VT=10",
            "--data", "GOVERNMENT_ID",
            "--now", "2027-02-26T12:00:00-05:00",
            "--format", "json"
        };
        JsonNode inZone = json(run(concat(base, "--zone", "America/New_York")));
        JsonNode vt = rule(inZone, "us-vt-ag");
        assertThat(vt.get("due").asString()).isEqualTo("2027-03-20T03:59:59Z");
        assertThat(vt.get("dueLocal").asString()).isEqualTo("2027-03-19T23:59:59-04:00");
        assertThat(inZone.get("warnings").toString()).doesNotContain("fixed offset");

        JsonNode byAware = json(run(base));
        assertThat(rule(byAware, "us-vt-ag").get("dueLocal").asString()).isEqualTo("2027-03-19T22:59:59-05:00");
        assertThat(byAware.get("warnings").toString())
                .contains("dueLocal is in the fixed offset -05:00 of --aware, not in a time zone")
                .contains("--zone");

        JsonNode fixedZone = json(run(concat(base, "--zone", "-05:00")));
        assertThat(fixedZone.get("warnings").toString()).contains("--zone -05:00 is a fixed offset");
        // the text shows each rule's own zone without --zone: no warning there
        CliRun text = run(java.util.Arrays.copyOf(base, base.length - 2));
        assertThat(text.out()).doesNotContain("fixed offset");
        assertThat(run(concat(java.util.Arrays.copyOf(base, base.length - 2), "--zone", "UTC-05:00"))
                        .out())
                .contains("warning: --zone UTC-05:00 is a fixed offset");
        // UTC is no place's local time anyone misreads
        JsonNode utc = json(run(concat(base, "--zone", "UTC")));
        assertThat(utc.get("warnings").toString()).doesNotContain("fixed offset");
    }

    private static JsonNode json(CliRun r) {
        assertThat(r.exit()).as(r.err()).isIn(0, 1);
        return JsonMapper.builder().build().readTree(r.out());
    }

    private static JsonNode rule(JsonNode root, String id) {
        for (JsonNode o : root.get("obligations")) {
            if (o.get("rule").asString().equals(id)) {
                return o;
            }
        }
        for (JsonNode o : root.get("notRequired")) {
            if (o.get("rule").asString().equals(id)) {
                return o;
            }
        }
        return null;
    }

    @Test
    void helpListsTheDataCategories() {
        CliRun r = run("--help");
        String help = r.out().replaceAll("\\s+", " ");
        assertThat(help)
                .contains("CONTACT, PAYMENT_CARD, GOVERNMENT_ID, CREDENTIALS, HEALTH, FINANCIAL_ACCOUNT,"
                        + " DATE_OF_BIRTH, BIOMETRIC");
        assertThat(r.out()).doesNotContain("Data categories: .");
        for (String flag : List.of(
                "--hipaa-covered-entity",
                "--hipaa-business-associate",
                "--financial-institution",
                "--nydfs-covered",
                "--unauthorized-access",
                "--determined")) {
            assertThat(r.out()).contains(flag);
        }
    }

    @Test
    void hipaaCoveredEntityOwesIndividualsHhsAndMediaPerState() {
        // 45 CFR 164.404, 164.406, 164.408(b)
        JsonNode root = json(run(
                "--aware",
                "2026-03-02T09:00:00-05:00",
                "--subjects",
                "US-CA=600,US-TX=100",
                "--data",
                "HEALTH",
                "--hipaa-covered-entity",
                "--now",
                "2026-03-02T10:00:00-05:00",
                "--format",
                "json"));
        assertThat(rule(root, "us-hipaa-individuals").get("due").asString()).isEqualTo("2026-05-02T03:59:59Z");
        assertThat(rule(root, "us-hipaa-hhs").get("recipient").asString()).isEqualTo("REGULATOR");
        JsonNode media = rule(root, "us-hipaa-media");
        assertThat(media.get("recipient").asString()).isEqualTo("MEDIA");
        assertThat(media.get("jurisdiction").asString()).isEqualTo("US-CA");
    }

    @Test
    void aNoticeSentOnTimeIsDoneAndOneSentLateIsStillMissed() {
        // New York's 30 days from October 20 end on November 19 (GBL 899-aa(2))
        String[] base = {
            "--aware", "2026-10-20T10:00:00-04:00",
            "--subjects", "US-NY=10",
            "--data", "GOVERNMENT_ID",
            "--now", "2026-12-02T12:00:00-05:00"
        };
        CliRun none = run(base);
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.out())
                .contains(
                        "MISSED 2026-11-19 23:59:59 -05:00 America/New_York (2026-11-20T04:59:59Z)  US-NY  INDIVIDUALS");
        CliRun onTime = run(concat(base, "--sent", "us-ny-individuals=2026-11-10T10:00:00-05:00"));
        assertThat(onTime.exit()).as(onTime.out()).isZero();
        assertThat(onTime.out())
                .contains("SENT 2026-11-10 10:00:00 -05:00 America/New_York (2026-11-10T15:00:00Z), due 2026-11-19"
                        + " 23:59:59 -05:00 America/New_York (2026-11-20T04:59:59Z)  US-NY  INDIVIDUALS");
        assertThat(onTime.out()).contains("No required deadline has passed.");
        CliRun late = run(concat(base, "--sent", "us-ny-individuals=2026-12-01T10:00:00-05:00"));
        assertThat(late.exit()).isEqualTo(1);
        assertThat(late.out())
                .contains("SENT LATE 2026-12-01 10:00:00 -05:00 America/New_York (2026-12-01T15:00:00Z), due"
                        + " 2026-11-19 23:59:59 -05:00 America/New_York (2026-11-20T04:59:59Z)  US-NY  INDIVIDUALS");
        JsonNode sent = rule(
                json(run(concat(base, "--sent", "us-ny-individuals=2026-11-10T10:00:00-05:00", "--format", "json"))),
                "us-ny-individuals@2025");
        assertThat(sent.get("sent").asString()).isEqualTo("2026-11-10T15:00:00Z");
        assertThat(sent.get("missed").asBoolean()).isFalse();
    }

    /**
     * GDPR Art. 33(4): with the Art. 33 notice given as sent incomplete, the rest is owed in phases without undue
     * further delay: listed with no deadline and the time since the notice, never missed.
     */
    @Test
    void theInformationAnIncompleteNoticeLeftOutIsOwedInPhasesWithTheTimeSinceTheNotice() {
        String[] base = {
            "--aware", "2026-11-26T08:00:00+01:00",
            "--subjects", "DE=1200",
            "--established", "DE",
            "--now", "2026-11-29T10:30:00+01:00",
            "--sent", "eu-gdpr-33-sa=2026-11-27T09:00:00+01:00"
        };
        CliRun complete = run(base);
        assertThat(complete.exit()).as(complete.err()).isZero();
        assertThat(complete.out()).doesNotContain("GDPR Art. 33(4)");
        CliRun phases = run(concat(base, "--incomplete", "eu-gdpr-33-sa"));
        assertThat(phases.exit()).as(phases.err()).isZero();
        assertThat(phases.out())
                .contains(
                        "URGENT now  EU (lead authority: DE)  SUPERVISORY_AUTHORITY  EU GDPR\n    without undue further delay")
                .contains("    GDPR Art. 33(4) [SECONDARY]\n    no deadline: 2 d 1 h since the notice was sent"
                        + " (2026-11-27T08:00:00Z)")
                .contains("No required deadline has passed.");
        JsonNode rest = rule(
                json(run(concat(base, "--incomplete", "eu-gdpr-33-sa", "--format", "json"))), "eu-gdpr-33-4-phases");
        assertThat(rest.get("due").isNull()).isTrue();
        assertThat(rest.get("citation").asString()).isEqualTo("GDPR Art. 33(4)");
        assertThat(rest.get("missed").asBoolean()).isFalse();
        // an incomplete notice is one that was sent
        CliRun unsent =
                run("--aware", "2026-11-26T08:00:00+01:00", "--subjects", "DE=1200", "--incomplete", "eu-gdpr-33-sa");
        assertThat(unsent.exit()).isEqualTo(2);
        assertThat(unsent.err()).contains("--incomplete eu-gdpr-33-sa: give the time that notice was sent with --sent");
    }

    @Test
    void warnsOfANoticeSentUnderARuleThatPutsNoDutyOnTheIncident() {
        // Iowa's rule: no Iowa residents in this scope
        CliRun r = run(
                "--aware", "2026-10-20T10:00:00-04:00",
                "--subjects", "US-NY=10",
                "--data", "GOVERNMENT_ID",
                "--now", "2026-10-21T12:00:00-04:00",
                "--sent", "us-ia-individuals=2026-10-21T10:00:00-04:00",
                "--sent", "us-ny-individuals=2026-10-21T10:00:00-04:00");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("warning: --sent us-ia-individuals: that rule puts no duty on this incident")
                .doesNotContain("--sent us-ny-individuals");
        assertThat(r.out()).contains("SENT").contains("US-NY");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void refusesADecisionOrANoticeBeforeAwareness() {
        CliRun decided = run(
                "--aware", "2026-11-26T10:00:00Z",
                "--subjects", "DE=10",
                "--decide", "RISK=NO@2026-11-20T10:00:00Z");
        assertThat(decided.exit()).isEqualTo(2);
        assertThat(decided.err()).contains("--decide RISK").contains("before --aware");
        CliRun sent = run(
                "--aware", "2026-11-26T10:00:00Z",
                "--subjects", "US-IA=10",
                "--data", "GOVERNMENT_ID",
                "--sent", "us-ia-individuals=2026-11-20T10:00:00Z");
        assertThat(sent.exit()).isEqualTo(2);
        assertThat(sent.err()).contains("--sent us-ia-individuals").contains("before --aware");
    }

    @Test
    void textShowsEachDeadlineInItsRulesZoneAcrossTheEndOfSummerTime() {
        // aware in EDT (-04:00); New York's 30 days end on November 19 at 23:59:59 EST (-05:00): shown
        // in the offset of --aware it read as November 20
        CliRun r = run(
                "--aware", "2026-10-20T10:00:00-04:00",
                "--subjects", "US-NY=10",
                "--data", "GOVERNMENT_ID",
                "--now", "2026-10-20T12:00:00-04:00");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("times in each rule's own zone");
        assertThat(r.out()).contains("2026-11-19 23:59:59 -05:00 America/New_York");
        assertThat(r.out()).doesNotContain("2026-11-20 00:59:59");
        CliRun zoned = run(
                "--aware", "2026-10-20T10:00:00-04:00",
                "--subjects", "US-NY=10",
                "--data", "GOVERNMENT_ID",
                "--now", "2026-10-20T12:00:00-04:00",
                "--zone", "Europe/Berlin");
        assertThat(zoned.out()).contains("times in Europe/Berlin.").contains("2026-11-20 05:59:59 +01:00 (");
    }

    @Test
    void businessAssociateFinancialInstitutionAndNydfsFlagsReachTheRules() {
        // 45 CFR 164.410; 16 CFR 314.4(j); 23 NYCRR 500.17(a)
        JsonNode root = json(run(
                "--aware",
                "2026-06-01T10:00:00-04:00",
                "--subjects",
                "US-NY=600",
                "--data",
                "HEALTH,FINANCIAL_ACCOUNT",
                "--hipaa-business-associate",
                "--financial-institution",
                "--nydfs-covered",
                "--determined",
                "2026-06-02T10:00:00-04:00",
                "--now",
                "2026-06-01T11:00:00-04:00",
                "--format",
                "json"));
        assertThat(rule(root, "us-hipaa-business-associate").get("recipient").asString())
                .isEqualTo("CONTROLLER");
        assertThat(rule(root, "us-ftc-safeguards").get("status").asString()).isEqualTo("CONDITIONAL");
        JsonNode dfs = rule(root, "us-nydfs-500-17");
        assertThat(dfs.get("due").asString()).isEqualTo("2026-06-05T14:00:00Z");
        assertThat(dfs.get("clock").asString()).contains("determination");
    }

    @Test
    void unauthorizedAccessMakesASmallJapaneseLeakReportable() {
        // APPI Enforcement Rules Art. 7(iii)
        String[] base = {
            "--aware",
            "2026-05-04T09:00:00+09:00",
            "--subjects",
            "JP=3",
            "--data",
            "CONTACT",
            "--now",
            "2026-05-04T10:00:00+09:00",
            "--format",
            "json"
        };
        assertThat(rule(json(run(base)), "jp-appi-preliminary")).isNull();
        List<String> with = new ArrayList<>(List.of(base));
        with.add("--unauthorized-access");
        assertThat(rule(json(run(with.toArray(String[]::new))), "jp-appi-preliminary"))
                .isNotNull();
    }

    /**
     * My Number Act Art. 29-4: more than 100 people's government ids in Japan wait on whether they are My
     * Numbers (JP_MY_NUMBER); 100 are below the threshold and listed as checked.
     */
    @Test
    void aJapaneseGovernmentIdLeakAsksWhetherTheIdsAreMyNumbers() {
        String[] base = {
            "--aware", "2026-05-04T09:00:00+09:00",
            "--subjects", "JP=101",
            "--data", "GOVERNMENT_ID",
            "--now", "2026-05-04T10:00:00+09:00",
            "--format", "json"
        };
        JsonNode preliminary = rule(json(run(base)), "jp-mynumber-preliminary");
        assertThat(preliminary.get("status").asString()).isEqualTo("CONDITIONAL");
        assertThat(preliminary.path("question").path("key").asString()).isEqualTo("JP_MY_NUMBER");
        List<String> decided = new ArrayList<>(List.of(base));
        decided.addAll(List.of("--decide", "JP_MY_NUMBER=YES@2026-05-04T09:30:00+09:00"));
        JsonNode answered = json(run(decided.toArray(String[]::new)));
        assertThat(rule(answered, "jp-mynumber-preliminary").get("status").asString())
                .isEqualTo("REQUIRED");
        // aware May 4 in Tokyo: day 30 of the final report is June 2
        assertThat(rule(answered, "jp-mynumber-final").get("due").asString()).isEqualTo("2026-06-02T14:59:59Z");
        String[] hundred = base.clone();
        hundred[3] = "JP=100";
        JsonNode below = json(run(hundred));
        assertThat(rule(below, "jp-mynumber-preliminary")).isNull();
        assertThat(below.path("notTriggered").toString()).contains("below its threshold of 101");
    }

    @Test
    void sentNoticeStartsTheDependentClockAndItsMissIsExitOne() {
        // Cal. Civ. Code 1798.82 as amended by SB 446: AG copy within 15 days of the residents' notice.
        CliRun r = run(
                "--aware",
                "2026-01-10T10:00:00-08:00",
                "--subjects",
                "US-CA=600",
                "--data",
                "GOVERNMENT_ID",
                "--sent",
                "us-ca-individuals=2026-01-20T12:00:00-08:00",
                "--now",
                "2026-02-06T00:00:00Z",
                "--format",
                "json");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode ag = rule(json(r), "us-ca-ag@2026");
        assertThat(ag.get("due").asString()).isEqualTo("2026-02-05T07:59:59Z");
        assertThat(ag.get("missed").asBoolean()).isTrue();
    }

    @Test
    void urgentObligationsComeFirstAndSaySo() {
        JsonNode root = json(run(
                "--aware",
                "2026-10-23T10:00:00+02:00",
                "--subjects",
                "DE=10,US-CA=5",
                "--data",
                "GOVERNMENT_ID",
                "--established",
                "DE",
                "--now",
                "2026-10-23T11:00:00+02:00",
                "--format",
                "json"));
        JsonNode first = root.get("obligations").get(0);
        assertThat(first.get("urgent").asBoolean()).isTrue();
        assertThat(first.get("due").isNull()).isTrue();
    }

    @Test
    void refusesAnUnknownSentRuleAndADeterminationBeforeAwareness() {
        CliRun r = run(
                "--aware",
                "2026-01-10T10:00:00Z",
                "--subjects",
                "US-CA=5",
                "--sent",
                "us-xx-nope=2026-01-11T10:00:00Z");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("us-xx-nope");
        CliRun d =
                run("--aware", "2026-01-10T10:00:00Z", "--subjects", "US-CO=5", "--determined", "2026-01-09T10:00:00Z");
        assertThat(d.exit()).isEqualTo(2);
        assertThat(d.err()).contains("determination");
    }
}
