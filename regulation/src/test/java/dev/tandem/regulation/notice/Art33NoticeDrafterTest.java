package dev.tandem.regulation.notice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.DataCategory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Art33NoticeDrafterTest {
    private static final Instant AWARE = Instant.parse("2026-10-23T08:00:00Z");

    private static IncidentDescription incident(ContactPoint contact, String delayReason) {
        return new IncidentDescription(
                "Example Retail GmbH",
                "An integration user synced the customer table to a sandbox reachable from the internet.",
                AWARE,
                Instant.parse("2026-10-20T00:00:00Z"),
                null,
                ZoneId.of("Europe/Berlin"),
                List.of("customers"),
                12_000L,
                Set.of(DataCategory.CONTACT, DataCategory.DATE_OF_BIRTH),
                48_000L,
                contact,
                "Phishing using the leaked contact details.",
                List.of("Sandbox access revoked"),
                List.of("Warn customers about phishing"),
                delayReason,
                null);
    }

    /** An occurrence known to the hour is not told to the second: "16:00 …, to the hour", not 16:03. */
    @Test
    void thePeriodOfTheBreachIsStatedNoMorePreciselyThanItIsKnown() {
        var dpo = new ContactPoint("Jane Doe", "Data protection officer", "dpo@example.com", "+49 30 1234");
        IncidentDescription exact = incident(dpo, null);
        for (String[] c : new String[][] {
            {"HOUR", "- Period of the breach: 2026-12-05 16:00 +01:00 (Europe/Berlin), to the hour to "},
            {"MINUTE", "- Period of the breach: 2026-12-05 16:03 +01:00 (Europe/Berlin), to the minute to "},
            {"DAY", "- Period of the breach: 2026-12-05 (Europe/Berlin), to the day to "},
            {"EXACT", "- Period of the breach: 2026-12-05 16:03 +01:00 (Europe/Berlin) to "}
        }) {
            IncidentDescription d = new IncidentDescription(
                    exact.controller(),
                    exact.nature(),
                    Instant.parse("2026-12-05T23:03:56Z"),
                    Instant.parse("2026-12-05T15:03:56Z"),
                    null,
                    exact.timeZone(),
                    exact.subjectCategories(),
                    exact.approxSubjects(),
                    exact.dataCategories(),
                    exact.approxRecords(),
                    exact.contact(),
                    exact.likelyConsequences(),
                    exact.measuresTaken(),
                    exact.measuresProposed(),
                    null,
                    c[0]);
            assertThat(new Art33NoticeDrafter()
                            .draft(d, "Lead supervisory authority", Instant.parse("2026-12-06T00:00:00Z"))
                            .toMarkdown())
                    .as(c[0])
                    .contains(c[1]);
        }
    }

    @Test
    void fillsEveryArt33ParagraphFromTheIncident() {
        var dpo = new ContactPoint("Jane Doe", "Data protection officer", "dpo@example.com", "+49 30 1234");
        NoticeDraft d = new Art33NoticeDrafter().draft(incident(dpo, null), "Lead supervisory authority", AWARE);
        String md = d.toMarkdown();
        assertThat(d.gaps()).isEmpty();
        assertThat(md)
                .contains("(Art. 33(3)(a))", "(Art. 33(3)(b))", "(Art. 33(3)(c))", "(Art. 33(3)(d))")
                .contains("about 12,000")
                .contains("about 48,000")
                .contains("dates of birth")
                .contains("Jane Doe")
                .contains("2026-10-23 10:00 +02:00 (Europe/Berlin)")
                .contains("Not legal advice")
                .doesNotContain("Reasons for the delay");
    }

    @Test
    void marksGapsAndAsksForDelayReasonsAfter72Hours() {
        NoticeDraft d = new Art33NoticeDrafter()
                .draft(incident(null, null), "Lead supervisory authority", AWARE.plusSeconds(73 * 3600));
        assertThat(d.gaps())
                .contains(
                        "name and contact details of the DPO or other contact point",
                        "reasons for notifying later than 72 hours");
        assertThat(d.toText())
                .contains("[to be completed: reasons for notifying later than 72 hours]")
                .contains("Reasons for the delay (Art. 33(1))");
    }

    @Test
    void aSectionCanBeEdited() {
        NoticeDraft d = new Art33NoticeDrafter()
                .draft(incident(null, null), "SA", AWARE)
                .withSection("Likely consequences", "Edited by counsel.");
        assertThat(d.toMarkdown()).contains("Edited by counsel.").doesNotContain("Phishing using");
    }

    /**
     * The UK notice has the EU one's Art. 33(3) content, cites the UK GDPR read with the Data
     * Protection Act 2018 and is addressed to the ICO; the GDPR's own line appears nowhere in it.
     */
    @Test
    void theUkNoticeCitesTheUkGdprAndIsAddressedToTheIco() {
        var dpo = new ContactPoint("Jane Doe", "Data protection officer", "dpo@example.com", "+44 20 1234");
        NoticeDraft uk = new Art33NoticeDrafter(Art33Notice.UK_GDPR)
                .draft(incident(dpo, null), Art33Notice.ICO, AWARE.plusSeconds(73 * 3600));
        NoticeDraft eu = new Art33NoticeDrafter()
                .draft(incident(dpo, null), "Lead supervisory authority", AWARE.plusSeconds(73 * 3600));
        String md = uk.toMarkdown();
        assertThat(md)
                .startsWith("# Notification of a personal data breach\n\n"
                        + "To: the Information Commissioner's Office (ICO), \"the Commissioner\" of UK GDPR Art. 33(1)"
                        + " (Data Protection Act 2018, s. 114 and 115(1))  \n"
                        + "Under: UK GDPR Art. 33, read with the Data Protection Act 2018\n\n")
                .contains("(Art. 33(3)(a))", "(Art. 33(3)(b))", "(Art. 33(3)(c))", "(Art. 33(3)(d))")
                .contains("## Reasons for the delay (Art. 33(1))", "## Information in phases (Art. 33(4))")
                .contains("about 12,000", "Jane Doe")
                .doesNotContain("Under: GDPR Art. 33\n");
        // the same sections, in the same order, as the EU notice: only the law cited and the addressee differ
        assertThat(uk.sections()).isEqualTo(eu.sections());
        assertThat(uk.gaps()).containsExactly("reasons for notifying later than 72 hours");
        assertThat(eu.citation()).isEqualTo("GDPR Art. 33");
    }

    @Test
    void eachNoticeNamesItsRuleAndPath() {
        assertThat(Art33Notice.byId("uk-gdpr-art33")).contains(Art33Notice.UK_GDPR);
        assertThat(Art33Notice.byId("gdpr-art33")).contains(Art33Notice.EU_GDPR);
        assertThat(Art33Notice.byId("ukgdpr")).isEmpty();
        assertThat(Art33Notice.UK_GDPR.isRule("gb-ukgdpr-33-ico@2026-12-07")).isTrue();
        assertThat(Art33Notice.UK_GDPR.isRule("eu-gdpr-33-sa")).isFalse();
        assertThat(Art33Notice.EU_GDPR.isRule("gb-ukgdpr-33-ico")).isFalse();
        assertThat(Art33NoticeDrafter.RULE).isEqualTo("eu-gdpr-33-sa");
    }
}
