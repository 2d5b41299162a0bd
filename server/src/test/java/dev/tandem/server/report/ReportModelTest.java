package dev.tandem.server.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.access.Caller;
import dev.tandem.server.access.Role;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Both report models from hand-made entries, without Spring: what each says, cites and withholds. */
class ReportModelTest {
    static final ChangeControl.Settings SETTINGS =
            ChangeControl.Settings.defaults(java.time.Instant.parse("2026-11-27T12:00:00Z"));

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NOTE =
            "tandem/test\n12\nq83vEDg8yvmsTRqJl5BHcMJ/3gKxE4MEEg1TpJqQrbY=\n\n— tandem/test AAAAAA==\n";
    static final String MEMO_COMMITMENT = "c1".repeat(32);
    static final String FINDING_COMMITMENT = "c2".repeat(32);

    static JsonNode json(String s) {
        return JSON.readTree(s);
    }

    static ReportEntry open(long i, String type, String actor, String body) {
        return new ReportEntry(i, type, "2026-11-26T09:00:0" + (i % 10) + ".000Z", actor, json(body), null, null);
    }

    static ReportEntry privileged(long i, String type, String commitment, @Nullable String opened) {
        return new ReportEntry(
                i,
                type,
                "2026-11-26T10:00:00.000Z",
                "commander",
                json("{\"repository\":\"FORENSIC\",\"commitment\":\"" + commitment + "\"}"),
                commitment,
                opened == null ? null : json(opened));
    }

    static List<ReportEntry> entries(boolean contained, boolean opened) {
        List<ReportEntry> e = new ArrayList<>();
        e.add(open(
                0,
                "incident.opened",
                "commander",
                "{\"id\":\"i-1\",\"title\":\"Sandbox sync\",\"severity\":\"CRITICAL\",\"timeZone\":\"Europe/Berlin\","
                        + "\"awareAt\":\"2026-11-25T14:00:00Z\"}"));
        e.add(privileged(
                1,
                "evidence.added",
                MEMO_COMMITMENT,
                opened
                        ? "{\"evidence\":\"e-1\",\"repository\":\"FORENSIC\",\"kind\":\"DOCUMENT\","
                                + "\"name\":\"secret-memo.md\",\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":10}"
                        : null));
        e.add(open(
                2,
                "evidence.added",
                "liaison",
                "{\"evidence\":\"e-2\",\"repository\":\"AUDIT\",\"kind\":\"CONFIG_SNAPSHOT\",\"name\":\"policy.md\","
                        + "\"sha256\":\"" + "cd".repeat(32)
                        + "\",\"size\":20,\"receivedAt\":\"2026-11-26T09:00:02Z\"}"));
        e.add(open(
                3,
                "leak.finding",
                "responder",
                "{\"pattern\":\"SHARING_RULE_EXPOSURE\",\"severity\":\"HIGH\",\"title\":\"Sharing rule opens contacts\","
                        + "\"subject\":{\"kind\":\"SHARING_RULE\",\"id\":\"All_Contacts\"},\"records\":40,"
                        + "\"controls\":[\"CC6.1\",\"CC6.3\"],\"evidence\":[{\"id\":\"e-2\",\"sha256\":\"cd\"}],"
                        + "\"containment\":[{\"action\":\"REMOVE\",\"target\":{\"kind\":\"SHARING_RULE\","
                        + "\"id\":\"All_Contacts\"},\"configItem\":\"sharingRules/Contact\","
                        + "\"description\":\"Remove the rule\"}]}"));
        e.add(privileged(
                4,
                "leak.finding",
                FINDING_COMMITMENT,
                opened
                        ? "{\"pattern\":\"CHECKOUT_PII_TO_THIRD_PARTY\",\"severity\":\"CRITICAL\",\"title\":\"Secret"
                                + " checkout leak\",\"controls\":[\"CC7.2\"],\"evidence\":[{\"id\":\"e-1\"}],"
                                + "\"containment\":[]}"
                        : null));
        e.add(
                open(
                        5,
                        "timeline.entry",
                        "commander",
                        "{\"kind\":\"EXTERNAL_EVENT\",\"text\":\"Regulator called\",\"eventAt\":\"2026-11-26T08:00:00Z\","
                                + "\"eventPrecision\":\"MINUTE\",\"discoveredAt\":\"2026-11-26T08:05:00Z\",\"corrects\":null}"));
        e.add(open(
                6,
                "timeline.entry",
                "commander",
                "{\"kind\":\"CORRECTION\",\"text\":\"It was the DPA, not the regulator\",\"corrects\":5}"));
        e.add(open(7, "incident.phase-changed", "commander", "{\"phase\":\"RESPOND\",\"previous\":\"DETECT\"}"));
        if (contained) {
            e.add(open(
                    8,
                    "incident.contained",
                    "commander",
                    "{\"at\":\"2026-11-26T11:00:00Z\",\"text\":\"Integration user disabled\"}"));
        }
        e.add(open(9, "change.requested", "responder", "{\"title\":\"Disable the user\"}"));
        e.add(open(10, "evidence.read", "auditor", "{\"evidence\":\"e-2\",\"sha256\":\"cd\"}"));
        e.add(open(
                11,
                "obligations.computed",
                "commander",
                "{\"added\":[{\"id\":\"o-1\",\"rule\":\"gdpr-art33\",\"jurisdiction\":\"EU\",\"recipient\":"
                        + "\"SUPERVISORY_AUTHORITY\",\"requirement\":\"72 hours\",\"placement\":\"ACTIVE\","
                        + "\"due\":\"2026-11-28T14:00:00Z\"}],\"changed\":[],\"superseded\":[]}"));
        return e;
    }

    static Snapshot snapshot(boolean contained, boolean opened) {
        return new Snapshot("i-1", ReportCheckpoint.of(NOTE), entries(contained, opened));
    }

    static String text(Report r) {
        return new Renderer().html(r);
    }

    @Test
    void theAuditReportNamesNoPrivilegedItemEvenWhenGivenOpenings() {
        String html = text(AuditContinuityReport.of(snapshot(true, true), SETTINGS));
        assertThat(html)
                .doesNotContain("secret-memo.md")
                .doesNotContain("Secret checkout leak")
                .doesNotContain("CC7.2")
                .contains("Privileged item recorded at 2026-11-26 11:00:00 CET (UTC+01:00)")
                .contains(MEMO_COMMITMENT)
                .contains("policy.md")
                .contains("CC6.1")
                .contains("It was the DPA, not the regulator")
                .contains("Change requested by responder: Disable the user")
                .contains("DC4")
                .contains("gdpr-art33");
    }

    @Test
    void theIncidentReportOpensWhatItsReaderMaySee() {
        String counsel = text(IncidentReport.of(snapshot(true, true), "counsel"));
        assertThat(counsel)
                .contains("secret-memo.md")
                .contains("Secret checkout leak")
                .contains("DE");
        String sealed = text(IncidentReport.of(snapshot(true, false), "responder"));
        assertThat(sealed)
                .doesNotContain("secret-memo.md")
                .doesNotContain("Secret checkout leak")
                .contains("1 further finding rests on privileged evidence you may not open")
                .contains(FINDING_COMMITMENT);
    }

    @Test
    void containmentIsTheDeclaredOneOrElseTheFindingsProposals() {
        Report declared = IncidentReport.of(snapshot(true, true), "x");
        Report.Section c = section(declared, "containment");
        assertThat(c.lines()).singleElement().satisfies(l -> {
            assertThat(l.text()).contains("Integration user disabled");
            assertThat(l.cites()).containsExactly(8L);
        });
        Report.Section proposed = section(IncidentReport.of(snapshot(false, true), "x"), "containment");
        assertThat(proposed.lines()).isEmpty();
        assertThat(proposed.table().rows()).singleElement().satisfies(r -> {
            assertThat(r.cells()).contains("REMOVE", "Remove the rule");
            assertThat(r.cites()).containsExactly(3L);
        });
    }

    @Test
    void everyStatementCitesEntriesOfTheSnapshotAndTheCorrectedEntryShowsItsCorrection() {
        Snapshot s = snapshot(true, true);
        Set<Long> indexes = new java.util.HashSet<>();
        s.entries().forEach(e -> indexes.add(e.index()));
        for (Report r : List.of(IncidentReport.of(s, "x"), AuditContinuityReport.of(s, SETTINGS))) {
            assertThat(r.cited()).isNotEmpty();
            assertThat(indexes).containsAll(r.cited());
        }
        Report incident = IncidentReport.of(s, "x");
        assertThat(section(incident, "timeline").lines())
                .anySatisfy(
                        l -> assertThat(l.text()).contains("Regulator called").contains("corrected by [#6]"));
        assertThat(section(incident, "obligations").table().rows())
                .singleElement()
                .satisfies(r ->
                        assertThat(r.cells()).contains("gdpr-art33", "2026-11-28 15:00:00 CET (UTC+01:00)", "PENDING"));
    }

    @Test
    void aSnapshotHoldsOnlyEntriesInsideItsCheckpoint() {
        List<ReportEntry> beyond = List.of(open(12, "incident.opened", "x", "{}"));
        assertThatThrownBy(() -> new Snapshot("i-1", ReportCheckpoint.of(NOTE), beyond))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ReportCheckpoint.of(NOTE).header()).isEqualTo("12 q83vEDg8yvmsTRqJl5BHcMJ/3gKxE4MEEg1TpJqQrbY=");
    }

    @Test
    void aResponderOpensOnlyWhatLegalGranted() {
        Caller granted = new Caller("r", false, Role.RESPONDER, new Caller.Grants(false, Set.of("e-1")));
        // a-1 and a-2 are AUDIT items, which every member reads
        Reader r = Reader.of(granted, Set.of("a-1", "a-2"));
        assertThat(r.mayOpen("evidence.added", json("{\"evidence\":\"e-1\"}"))).isTrue();
        assertThat(r.mayOpen("evidence.added", json("{\"evidence\":\"e-9\"}"))).isFalse();
        assertThat(r.mayOpen("leak.finding", json("{\"evidence\":[{\"id\":\"e-1\"},{\"id\":\"e-9\"}]}")))
                .isFalse();
        // a finding resting on the granted FORENSIC item and on AUDIT items opens, as in the findings API
        assertThat(r.mayOpen(
                        "leak.finding", json("{\"evidence\":[{\"id\":\"a-1\"},{\"id\":\"e-1\"},{\"id\":\"a-2\"}]}")))
                .isTrue();
        assertThat(r.mayOpen("leak.finding", json("{\"evidence\":[{\"id\":\"a-1\"},{\"id\":\"e-9\"}]}")))
                .isFalse();
        // a privileged entry naming AUDIT items only is privileged for a reason the names do not show
        assertThat(r.mayOpen("leak.finding", json("{\"evidence\":[{\"id\":\"a-1\"}]}")))
                .isFalse();
        assertThat(r.mayOpen("judgement.recorded", json("{\"reason\":\"counsel's\"}")))
                .isFalse();
        // the scope, unless it rests on FORENSIC evidence (then /scope is 403 for them too)
        assertThat(r.mayOpen("scope.updated", json("{\"subjects\":{},\"restsOn\":[]}")))
                .isTrue();
        assertThat(r.mayOpen("scope.updated", json("{\"subjects\":{},\"restsOn\":[\"AUDIT\"]}")))
                .isTrue();
        assertThat(r.mayOpen("scope.updated", json("{\"subjects\":{},\"restsOn\":[\"FORENSIC\"]}")))
                .isFalse();
        assertThat(r.mayOpen("scope.updated", json("{\"subjects\":{}}")))
                .as("an entry from before restsOn was recorded was privileged only when FORENSIC")
                .isFalse();
        assertThat(Reader.of(new Caller("l", false, Role.LEGAL, Caller.Grants.NONE), Set.of())
                        .mayOpen("x", json("{}")))
                .isTrue();
        assertThat(Reader.of(new Caller("a", false, Role.AUDITOR, new Caller.Grants(true, Set.of())), Set.of("a-1")))
                .isEqualTo(Reader.NOBODY);
    }

    @Test
    void timesAreToldInTheIncidentsZoneWhichTheDocumentNamesWhileAnIncidentInUtcSaysUtc() throws Exception {
        Renderer renderer = new Renderer();
        for (Report r : List.of(
                IncidentReport.of(snapshot(true, true), "counsel"),
                AuditContinuityReport.of(snapshot(true, false), SETTINGS))) {
            assertThat(r.zone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
            assertThat(renderer.html(r))
                    .contains("<div class=\"note\" id=\"times-zone\">Times are in the incident&#39;s time zone,"
                            + " Europe/Berlin, each with its abbreviation and offset from UTC (e.g. 2026-01-15 13:00:00"
                            + " CET (UTC+01:00), 2026-07-15 14:00:00 CEST (UTC+02:00)")
                    .contains("2026-11-26 10:00:00 CET (UTC+01:00)")
                    .doesNotContain("2026-11-26 09:00:00 UTC");
        }
        // an incident opened in UTC (or naming no zone) reads UTC, as before
        List<ReportEntry> utc = new ArrayList<>(entries(true, false));
        utc.set(
                0,
                open(
                        0,
                        "incident.opened",
                        "commander",
                        "{\"id\":\"i-1\",\"title\":\"Sandbox sync\",\"severity\":\"CRITICAL\",\"timeZone\":\"UTC\","
                                + "\"awareAt\":\"2026-11-25T14:00:00Z\"}"));
        Report inUtc = AuditContinuityReport.of(new Snapshot("i-1", ReportCheckpoint.of(NOTE), utc), SETTINGS);
        assertThat(renderer.html(inUtc))
                .contains("Times are in UTC, the incident&#39;s time zone")
                .contains("2026-11-26 09:00:00 UTC");
    }

    @Test
    void theHtmlAndThePdfPrintTheCheckpoint() throws Exception {
        Renderer renderer = new Renderer();
        String html = renderer.html(AuditContinuityReport.of(snapshot(true, false), SETTINGS));
        assertThat(html)
                .contains("<strong id=\"tree-size\">12</strong>")
                .contains("q83vEDg8yvmsTRqJl5BHcMJ/3gKxE4MEEg1TpJqQrbY=")
                .contains("tandem/test AAAAAA==");
        byte[] pdf = renderer.pdf(html);
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Tree size: 12").contains("policy.md");
        }
    }

    /**
     * The GDPR's days end in the lead authority's member state (the one-stop shop): a computation
     * records that zone, and the reports show the deadline on its calendar as the API does, not on
     * the rule's default (Brussels); an entry from before the zone was recorded keeps the rule's.
     */
    @Test
    void aDeadlineIsShownInTheZoneItsComputationRecorded() {
        String lisbon = "{\"added\":[{\"id\":\"o1\",\"rule\":\"eu-gdpr-33-sa\",\"jurisdiction\":\"EU\","
                + "\"recipient\":\"SUPERVISORY_AUTHORITY\",\"requirement\":\"REQUIRED\","
                + "\"due\":\"2026-11-28T14:00:00Z\",\"dueText\":\"within 72 hours\",\"ruleZone\":\"Europe/Lisbon\"}]}";
        String before = lisbon.replace(",\"ruleZone\":\"Europe/Lisbon\"", "");
        for (boolean auditor : List.of(true, false)) {
            List<String> recorded = java.util.Objects.requireNonNull(
                            Obligations.section(List.of(open(4, "obligations.computed", "counsel", lisbon)), auditor)
                                    .table())
                    .rows()
                    .get(0)
                    .cells();
            assertThat(String.join(" | ", recorded))
                    .contains("2026-11-28 14:00:00")
                    .contains("Europe/Lisbon")
                    .doesNotContain("Europe/Brussels");
            List<String> older = java.util.Objects.requireNonNull(
                            Obligations.section(List.of(open(4, "obligations.computed", "counsel", before)), auditor)
                                    .table())
                    .rows()
                    .get(0)
                    .cells();
            assertThat(String.join(" | ", older))
                    .contains("2026-11-28 15:00:00")
                    .contains("Europe/Brussels");
        }
    }

    @Test
    void aNoticeSentAfterItsDeadlineIsFiledLate() {
        String computed = "{\"added\":[{\"id\":\"o1\",\"rule\":\"eu-gdpr-33-sa\",\"jurisdiction\":\"EU\","
                + "\"recipient\":\"SUPERVISORY_AUTHORITY\",\"requirement\":\"REQUIRED\","
                + "\"due\":\"2026-11-28T14:00:00Z\",\"dueText\":\"within 72 hours\"},"
                + "{\"id\":\"o2\",\"rule\":\"us-ca-individuals@2026\",\"jurisdiction\":\"US-CA\","
                + "\"recipient\":\"INDIVIDUALS\",\"requirement\":\"REQUIRED\","
                + "\"due\":\"2026-12-28T07:59:59Z\",\"dueText\":\"30 days\"}]}";
        List<ReportEntry> e = List.of(
                open(4, "obligations.computed", "counsel", computed),
                // sent two days after the deadline, recorded later still
                open(
                        5,
                        "obligation.status-changed",
                        "counsel",
                        "{\"obligation\":\"o1\",\"rule\":\"eu-gdpr-33-sa\",\"from\":\"PENDING\",\"to\":\"FILED\","
                                + "\"sentAt\":\"2026-11-30T09:00:00Z\"}"),
                // an entry without sentAt: sent when it was recorded, in time
                open(
                        6,
                        "obligation.status-changed",
                        "counsel",
                        "{\"obligation\":\"o2\",\"rule\":\"us-ca-individuals@2026\",\"from\":\"PENDING\","
                                + "\"to\":\"FILED\"}"));
        for (boolean auditor : List.of(true, false)) {
            Report.Table t = java.util.Objects.requireNonNull(
                    Obligations.section(e, auditor).table());
            assertThat(t.rows().get(0).cells().getLast()).isEqualTo("FILED LATE");
            assertThat(t.rows().get(1).cells().getLast()).isEqualTo("FILED");
        }
    }

    @Test
    void aDeadlineAPrivilegedComputationMayHaveMovedIsNotCalledMissedByTheNotice() {
        // awareness gave 2026-11-28; counsel's determination (privileged) then moved the deadline in a
        // computation the auditor cannot open; the notice sent on 11-30 may well have been in time
        String computed = "{\"added\":[{\"id\":\"o1\",\"rule\":\"us-co-individuals\",\"jurisdiction\":\"US-CO\","
                + "\"recipient\":\"INDIVIDUALS\",\"requirement\":\"REQUIRED\","
                + "\"due\":\"2026-11-28T14:00:00Z\",\"dueText\":\"30 days\"}]}";
        List<ReportEntry> e = List.of(
                open(4, "obligations.computed", "counsel", computed),
                privileged(5, "obligations.computed", "c0ffee", null),
                open(
                        6,
                        "obligation.status-changed",
                        "counsel",
                        "{\"obligation\":\"o1\",\"rule\":\"us-co-individuals\",\"from\":\"PENDING\","
                                + "\"to\":\"FILED\",\"sentAt\":\"2026-11-30T09:00:00Z\"}"));
        List<String> row = java.util.Objects.requireNonNull(
                        Obligations.section(e, true).table())
                .rows()
                .get(0)
                .cells();
        assertThat(row.getLast()).isEqualTo("FILED");
        // Colorado counts from the determination, counsel's privileged fact: withheld, as the API withholds it
        assertThat(row.get(4))
                .startsWith("withheld: it may run from counsel's privileged determination")
                .doesNotContain("2026-11-28");
        // the incident report's reader is told the date read may have moved
        assertThat(java.util.Objects.requireNonNull(
                                Obligations.section(e, false).table())
                        .rows()
                        .get(0)
                        .cells()
                        .get(4))
                .contains("2026-11-28")
                .contains("a later, privileged computation may have moved it");
        // and told that what the sealed computation added or changed is not in the table
        for (boolean auditor : List.of(true, false)) {
            assertThat(Obligations.section(e, auditor).notes())
                    .anySatisfy(n -> assertThat(n)
                            .startsWith("1 computation of the obligations after entry #4 cannot be opened")
                            .contains("not in this table"));
        }
        // a computation the reader opens after it brings the table up to date: no such note
        List<ReportEntry> reopened = new java.util.ArrayList<>(e);
        reopened.add(open(7, "obligations.computed", "counsel", computed));
        assertThat(Obligations.section(reopened, true).notes()).noneMatch(n -> n.contains("cannot be opened"));
    }

    /**
     * The notice filed with FORENSIC evidence is a sealed status change: a reader who cannot open it
     * must not read "PENDING" as if nothing had happened, while the API gives them "FILED".
     */
    @Test
    void aStatusAPrivilegedStatusChangeMayHaveMovedIsNotToldAsCurrent() {
        String computed = "{\"added\":[{\"id\":\"o1\",\"rule\":\"eu-gdpr-33-sa\",\"jurisdiction\":\"EU\","
                + "\"recipient\":\"SUPERVISORY_AUTHORITY\",\"requirement\":\"REQUIRED\","
                + "\"due\":\"2026-11-28T14:00:00Z\",\"dueText\":\"72 hours\"},"
                + "{\"id\":\"o2\",\"rule\":\"gb-ukgdpr-33-ico\",\"jurisdiction\":\"GB\","
                + "\"recipient\":\"SUPERVISORY_AUTHORITY\",\"requirement\":\"REQUIRED\","
                + "\"due\":\"2026-11-28T14:00:00Z\",\"dueText\":\"72 hours\"}]}";
        String filing = "{\"obligation\":\"o1\",\"rule\":\"eu-gdpr-33-sa\",\"from\":\"PENDING\",\"to\":\"FILED\","
                + "\"sentAt\":\"2026-11-27T09:00:00Z\"}";
        List<ReportEntry> e = List.of(
                open(4, "obligations.computed", "counsel", computed),
                privileged(5, "obligation.status-changed", "beef", null),
                // a status the reader reads after the sealed one is current
                open(
                        6,
                        "obligation.status-changed",
                        "counsel",
                        "{\"obligation\":\"o2\",\"rule\":\"gb-ukgdpr-33-ico\",\"from\":\"PENDING\","
                                + "\"to\":\"FILED\",\"sentAt\":\"2026-11-27T10:00:00Z\"}"));
        for (boolean auditor : List.of(true, false)) {
            Report.Section section = Obligations.section(e, auditor);
            List<Report.Row> rows =
                    java.util.Objects.requireNonNull(section.table()).rows();
            assertThat(rows.get(0).cells().getLast())
                    .isEqualTo("PENDING (a later, privileged status change may have moved it)");
            assertThat(rows.get(1).cells().getLast()).isEqualTo("FILED");
            assertThat(section.notes())
                    .anySatisfy(n -> assertThat(n)
                            .startsWith("1 status change of the obligations cannot be opened by this report's reader")
                            .contains("current obligation's status"));
        }
        // the reader who opens the filing reads it, with no caveat
        List<ReportEntry> opened = List.of(
                open(4, "obligations.computed", "counsel", computed),
                privileged(5, "obligation.status-changed", "beef", filing));
        Report.Section section = Obligations.section(opened, false);
        assertThat(java.util.Objects.requireNonNull(section.table())
                        .rows()
                        .get(0)
                        .cells()
                        .getLast())
                .isEqualTo("FILED");
        assertThat(section.notes()).noneMatch(n -> n.contains("status change"));
    }

    /**
     * A deadline that runs from the awareness time stands whatever a privileged computation decided:
     * it moves only with the awareness time, which every reader reads. No caveat, and "FILED LATE"
     * where it was.
     */
    @Test
    void aDeadlineFromAwarenessStandsAfterAPrivilegedComputationUnlessTheAwarenessMoved() {
        String computed = "{\"added\":[{\"id\":\"o1\",\"rule\":\"eu-gdpr-33-sa\",\"jurisdiction\":\"EU\","
                + "\"recipient\":\"SUPERVISORY_AUTHORITY\",\"requirement\":\"REQUIRED\","
                + "\"due\":\"2026-11-28T14:00:00Z\",\"dueText\":\"72 hours\"}]}";
        List<ReportEntry> e = List.of(
                open(4, "obligations.computed", "counsel", computed),
                privileged(5, "obligations.computed", "c0ffee", null));
        for (boolean auditor : List.of(true, false)) {
            String due = java.util.Objects.requireNonNull(
                            Obligations.section(e, auditor).table())
                    .rows()
                    .get(0)
                    .cells()
                    .get(4);
            assertThat(due)
                    .contains("2026-11-28 14:00:00 UTC")
                    .doesNotContain("may have moved")
                    .doesNotContain("withheld");
        }
        List<ReportEntry> moved = List.of(
                open(4, "obligations.computed", "counsel", computed),
                open(5, "incident.awareness-set", "commander", "{\"awareAt\":\"2026-11-26T10:00:00Z\"}"),
                privileged(6, "obligations.computed", "c0ffee", null));
        assertThat(java.util.Objects.requireNonNull(
                                Obligations.section(moved, true).table())
                        .rows()
                        .get(0)
                        .cells()
                        .get(4))
                .contains("a later, privileged computation may have moved it");
    }

    /**
     * An occurrence known to the hour is printed to the hour, in the narration and above all in the
     * DC4 disclosure the auditor copies into the SOC 2 report; a day is the incident's day.
     */
    @Test
    void aClaimedTimeIsPrintedAtItsStatedPrecision() {
        List<ReportEntry> e = List.of(
                open(
                        0,
                        "incident.opened",
                        "commander",
                        "{\"id\":\"i-1\",\"title\":\"Sync\",\"severity\":\"HIGH\","
                                + "\"timeZone\":\"Europe/Berlin\"}"),
                open(
                        1,
                        "incident.occurred-at-set",
                        "counsel",
                        "{\"occurredAt\":\"2026-12-05T15:03:56Z\",\"precision\":\"HOUR\"}"),
                open(
                        2,
                        "timeline.entry",
                        "responder",
                        "{\"kind\":\"NOTE\",\"text\":\"export\",\"eventAt\":\"2026-12-04T23:30:00Z\","
                                + "\"eventPrecision\":\"DAY\"}"));
        Narration.Names names = Narration.Names.of(e);
        // the narration of a report told in the incident's zone, as both reports build theirs
        java.time.ZoneId berlin = RequestHistory.asOf(new Snapshot("i-1", ReportCheckpoint.of(NOTE), e))
                .zone();
        assertThat(berlin).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
        assertThat(Narration.in(berlin, () -> Narration.describe(e.get(1), names, true)))
                .isEqualTo("Occurrence time set by counsel: 2026-12-05 16:00 CET (UTC+01:00), to the hour");
        // 23:30 UTC on the 4th is the 5th in Berlin, the incident's day
        assertThat(Narration.in(berlin, () -> Narration.describe(e.get(2), names, true)))
                .contains("(happened 2026-12-05 (Europe/Berlin), to the day)");
        Snapshot snapshot = new Snapshot("i-1", ReportCheckpoint.of(NOTE), e);
        Report r = AuditContinuityReport.of(snapshot, SETTINGS);
        assertThat(section(r, "disclosure").lines())
                .anySatisfy(l -> assertThat(l.text())
                        .startsWith("Timing: ")
                        .contains("occurred 2026-12-05 16:00 CET (UTC+01:00), to the hour")
                        .doesNotContain("15:03"));
        assertThat(section(r, "what-happened").lines())
                .anySatisfy(l -> assertThat(l.when()).isEqualTo("2026-12-05 16:00 CET (UTC+01:00), to the hour"))
                .noneSatisfy(l -> assertThat(l.when()).contains("15:03"));
    }

    /**
     * Tex. Bus. & Com. Code 521.053(i): the 30th day after the determination ends at 23:59:59 on 4
     * January in Texas (America/Chicago, the state's easternmost zone), which is 5 January in UTC. The
     * reports show it on 4 January, with the citation, the confidence and, for a CONDITIONAL line,
     * the question it waits on.
     */
    @Test
    void aDayBasedDeadlineIsShownOnItsLastDayInItsRulesZoneWithItsCitation() {
        List<ReportEntry> e = List.of(open(
                4,
                "obligations.computed",
                "counsel",
                "{\"added\":[{\"id\":\"o1\",\"rule\":\"us-tx-ag@2023\",\"jurisdiction\":\"US-TX\","
                        + "\"recipient\":\"ATTORNEY_GENERAL\",\"requirement\":\"REQUIRED\","
                        + "\"due\":\"2027-01-05T05:59:59Z\",\"dueText\":\"30th day\"},"
                        + "{\"id\":\"o2\",\"rule\":\"eu-gdpr-34-individuals\",\"jurisdiction\":\"EU\","
                        + "\"recipient\":\"INDIVIDUALS\",\"requirement\":\"CONDITIONAL\",\"due\":null,"
                        + "\"dueText\":\"without undue delay\"}]}"));
        for (boolean auditor : List.of(true, false)) {
            Report.Table t = java.util.Objects.requireNonNull(
                    Obligations.section(e, auditor).table());
            List<String> tx = t.rows().get(0).cells();
            assertThat(tx.get(0))
                    .startsWith("Tex. Bus. & Com. Code 521.053(i)")
                    .containsPattern("\\(us-tx-ag@2023\\), confidence (PRIMARY|SECONDARY)$");
            assertThat(tx.get(4))
                    .startsWith("2027-01-04 23:59:59 -06:00 America/Chicago")
                    .contains("2027-01-05 05:59:59 UTC");
            assertThat(t.rows().get(1).cells().get(3)).startsWith("CONDITIONAL: waits on HIGH_RISK (");
        }
    }

    @Test
    void theObligationsTableSaysTheRequirementAndTheDueTimeOrTextInTheirOwnColumns() {
        List<ReportEntry> e = List.of(open(
                4,
                "obligations.computed",
                "counsel",
                "{\"added\":[{\"id\":\"o1\",\"rule\":\"eu-gdpr-33-sa\",\"jurisdiction\":\"EU\","
                        + "\"recipient\":\"SUPERVISORY_AUTHORITY\",\"requirement\":\"REQUIRED\","
                        + "\"due\":\"2026-11-28T14:00:00Z\",\"dueText\":\"within 72 hours\"},"
                        + "{\"id\":\"o2\",\"rule\":\"eu-gdpr-34-individuals\",\"jurisdiction\":\"EU\","
                        + "\"recipient\":\"INDIVIDUALS\",\"requirement\":\"NOT_REQUIRED\",\"due\":null,"
                        + "\"dueText\":\"without undue delay\"},"
                        + "{\"id\":\"o3\",\"rule\":\"card-visa\",\"jurisdiction\":\"GLOBAL\","
                        + "\"recipient\":\"CARD_BRAND\",\"requirement\":\"REQUIRED\",\"due\":null}]}"));
        Report.Table t =
                java.util.Objects.requireNonNull(Obligations.section(e, false).table());
        assertThat(t.header())
                .containsExactly(
                        "Citation (rule), confidence",
                        "Jurisdiction",
                        "Recipient",
                        "Requirement",
                        "Due (where its days end)",
                        "Status");
        assertThat(t.rows().get(0).cells())
                .containsExactly(
                        "GDPR Art. 33(1), (3) (eu-gdpr-33-sa), confidence PRIMARY",
                        "EU",
                        "SUPERVISORY_AUTHORITY",
                        "REQUIRED",
                        "2026-11-28 15:00:00 +01:00 Europe/Brussels (2026-11-28 14:00:00 UTC)",
                        "PENDING");
        assertThat(t.rows().get(1).cells().subList(1, 6))
                .containsExactly("EU", "INDIVIDUALS", "NOT_REQUIRED", "without undue delay", "PENDING");
        assertThat(t.rows().get(1).cells().getFirst()).contains("(eu-gdpr-34-individuals), confidence ");
        // an entry recorded before the due text was: no fixed deadline, and still its requirement
        assertThat(t.rows().get(2).cells().subList(3, 5)).containsExactly("REQUIRED", "no fixed deadline");
    }

    /**
     * Counsel narrows the scope to nothing and widens it again: three computations. What the second
     * superseded and the third yields again (as changed, previousPlacement SUPERSEDED) is active, in
     * both reports; only what the third does not yield stays superseded.
     */
    @Test
    void anObligationYieldedAgainAfterItWasSupersededIsNoLongerSuperseded() {
        List<ReportEntry> e = List.of(
                open(0, "incident.opened", "commander", "{\"id\":\"i-1\",\"title\":\"Sandbox sync\"}"),
                computation(
                        1,
                        List.of(
                                computed("o-sa", "eu-gdpr-33-sa", "OWED"),
                                computed("o-ind", "eu-gdpr-34-individuals", "SET_ASIDE"),
                                computed("o-de", "de-bdsg-42a", "OWED")),
                        List.of(),
                        List.of()),
                computation(
                        2,
                        List.of(),
                        List.of(),
                        List.of(
                                superseded("o-sa", "eu-gdpr-33-sa"),
                                superseded("o-ind", "eu-gdpr-34-individuals"),
                                superseded("o-de", "de-bdsg-42a"))),
                computation(
                        3,
                        List.of(computed("o-ca", "us-ca-individuals", "OWED")),
                        List.of(
                                back("o-sa", "eu-gdpr-33-sa", "OWED"),
                                back("o-ind", "eu-gdpr-34-individuals", "SET_ASIDE")),
                        List.of()));
        Snapshot snapshot = new Snapshot("i-1", ReportCheckpoint.of(NOTE), e);
        List<Report.Section> sections = List.of(
                Obligations.section(e, true),
                Obligations.section(e, false),
                section(AuditContinuityReport.of(snapshot, SETTINGS), "obligations"),
                section(IncidentReport.of(snapshot, "counsel"), "obligations"));
        for (Report.Section obligations : sections) {
            List<Report.Row> rows =
                    java.util.Objects.requireNonNull(obligations.table()).rows();
            assertThat(rows.stream()
                            .map(r -> r.cells().getFirst().replaceAll("^.* \\((.+)\\)(, confidence \\w+)?$", "$1") + " "
                                    + r.cells().getLast()))
                    .containsExactly(
                            "eu-gdpr-33-sa PENDING",
                            "eu-gdpr-34-individuals PENDING",
                            "de-bdsg-42a PENDING (superseded)",
                            "us-ca-individuals PENDING");
            assertThat(rows.getFirst().cites()).containsExactly(1L, 2L, 3L);
        }
    }

    /** An {@code obligations.computed} entry after a scope change, as the recomputation records it. */
    private static ReportEntry computation(
            long index, List<String> added, List<String> changed, List<String> superseded) {
        return open(
                index,
                "obligations.computed",
                "counsel",
                "{\"trigger\":\"scope.updated\",\"added\":[" + String.join(",", added) + "],\"changed\":["
                        + String.join(",", changed) + "],\"superseded\":[" + String.join(",", superseded)
                        + "],\"unchanged\":0}");
    }

    private static String computed(String id, String rule, String placement) {
        return "{\"id\":\"" + id + "\",\"rule\":\"" + rule + "\",\"jurisdiction\":\"EU\","
                + "\"recipient\":\"SUPERVISORY_AUTHORITY\",\"requirement\":\"REQUIRED\",\"placement\":\"" + placement
                + "\",\"due\":\"2026-11-28T14:00:00Z\",\"dueText\":\"within 72 hours\"}";
    }

    private static String superseded(String id, String rule) {
        return "{\"id\":\"" + id + "\",\"rule\":\"" + rule + "\",\"jurisdiction\":\"EU\","
                + "\"recipient\":\"SUPERVISORY_AUTHORITY\",\"status\":\"PENDING\"}";
    }

    /** A superseded obligation yielded again, as the recomputation records it: changed. */
    private static String back(String id, String rule, String placement) {
        String c = computed(id, rule, placement);
        return c.substring(0, c.length() - 1)
                + ",\"previousDue\":\"2026-11-28T14:00:00Z\",\"previousRequirement\":\"REQUIRED\","
                + "\"previousPlacement\":\"SUPERSEDED\"}";
    }

    @Test
    void anExportBagThatCarriedAnItemCountsAmongItsReads() {
        List<ReportEntry> unread = new ArrayList<>(entries(true, false));
        unread.removeIf(x -> x.type().equals("evidence.read"));
        assertThat(readsOfPolicy(unread).cells()).last().isEqualTo("not read");
        List<ReportEntry> exported = new ArrayList<>(unread);
        exported.add(
                open(10, "incident.exported", "auditor", "{\"treeSize\":10,\"evidence\":[\"e-2\"],\"since\":null}"));
        exported.sort(java.util.Comparator.comparingLong(ReportEntry::index));
        Report.Row row = readsOfPolicy(exported);
        assertThat(row.cells()).last().isEqualTo("1 (auditor)");
        assertThat(row.cites()).contains(10L);
    }

    @Test
    void anItemPulledBackSaysCounselsReasonInItsRowWithTheEntryItCameFrom() {
        List<ReportEntry> e = new ArrayList<>(entries(true, false));
        e.removeIf(x -> x.index() >= 11); // the checkpoint holds 12 entries: room for the move
        e.add(open(
                11,
                "evidence.pulled-back",
                "counsel",
                "{\"evidence\":\"e-2\",\"sha256\":\"" + "cd".repeat(32) + "\",\"from\":\"AUDIT\","
                        + "\"to\":\"FORENSIC\",\"reason\":\"Counsel's draft, filed to AUDIT by mistake\","
                        + "\"reads\":[{\"index\":10,\"actor\":\"auditor\",\"at\":\"2026-11-26T09:00:00Z\"}],"
                        + "\"exports\":[]}"));
        Report r = AuditContinuityReport.of(new Snapshot("i-1", ReportCheckpoint.of(NOTE), e), SETTINGS);
        Report.Row row = readsOfPolicy(e);
        assertThat(row.cells().get(3))
                .isEqualTo("FORENSIC repository (privileged): pulled back from AUDIT by counsel; no longer auditor"
                        + " evidence; reason (entry #11): \"Counsel's draft, filed to AUDIT by mistake\"");
        assertThat(row.cites()).containsExactly(2L, 10L, 11L);
        assertThat(HtmlUtils.htmlUnescape(text(r)))
                .contains("reason (entry #11): \"Counsel's draft, filed to AUDIT by mistake\"");
        // an item never moved says nothing of a reason
        assertThat(readsOfPolicy(entries(true, false)).cells().get(3)).isEqualTo("AUDIT repository");
    }

    @Test
    void twoItemsOfOneNameAreToldApartByTheEntryThatAddedEach() {
        List<ReportEntry> e = new ArrayList<>(entries(true, false));
        e.removeIf(x -> x.index() >= 9); // the checkpoint holds 12 entries: room for two more
        e.add(open(
                9,
                "evidence.added",
                "responder",
                "{\"evidence\":\"e-3\",\"repository\":\"AUDIT\",\"kind\":\"CONFIG_SNAPSHOT\",\"name\":\"policy.md\","
                        + "\"sha256\":\"" + "ef".repeat(32) + "\",\"size\":30}"));
        e.add(open(10, "incident.exported", "auditor", "{\"treeSize\":10,\"evidence\":[\"e-2\",\"e-3\"]}"));
        Report r = AuditContinuityReport.of(new Snapshot("i-1", ReportCheckpoint.of(NOTE), e), SETTINGS);
        Report.Table evidence =
                java.util.Objects.requireNonNull(section(r, "evidence").table());
        assertThat(evidence.rows().stream().map(row -> row.cells().get(1)))
                .contains("policy.md (added at #2)", "policy.md (added at #9)")
                .doesNotContain("policy.md");
        assertThat(section(r, "changes").table().rows().stream()
                        .map(row -> row.cells().get(2)))
                .contains("Export bag downloaded by auditor at ledger tree size 10, with policy.md (added at #2),"
                        + " policy.md (added at #9)");
        // a name that only one item bears stays as it is
        assertThat(text(AuditContinuityReport.of(snapshot(true, false), SETTINGS)))
                .contains(">policy.md<")
                .doesNotContain("policy.md (added at");
    }

    @Test
    void whatHappenedIsInTheOrderThingsHappenedAndEqualTimesKeepTheLedgersOrder() {
        Report.Section happened = section(AuditContinuityReport.of(snapshot(true, false), SETTINGS), "what-happened");
        assertThat(happened.notes()).containsExactly(Summary.ORDER);
        // awareness (Nov 25) before the opening that records it, the regulator's call (08:00) before
        // both were recorded, containment (11:00) after the privileged finding recorded at 10:00
        assertThat(happened.lines().stream().map(l -> l.when() + " " + l.cites()))
                .containsExactly(
                        "2026-11-25 15:00:00 CET (UTC+01:00) [0]",
                        // a timeline entry's event time known to the minute
                        "2026-11-26 09:00 CET (UTC+01:00), to the minute [5]",
                        "2026-11-26 10:00:00 CET (UTC+01:00) [0]",
                        "2026-11-26 10:00:03 CET (UTC+01:00) [3]",
                        "2026-11-26 10:00:06 CET (UTC+01:00) [6]",
                        "2026-11-26 10:00:07 CET (UTC+01:00) [7]",
                        "2026-11-26 11:00:00 CET (UTC+01:00) [4]",
                        "2026-11-26 12:00:00 CET (UTC+01:00) [8]",
                        " [7]");
        assertThat(happened.lines().get(0).text())
                .isEqualTo("The company became aware of the incident (deadlines run from here) (recorded"
                        + " 2026-11-26 10:00:00 CET (UTC+01:00))");
        assertThat(happened.lines().get(3).text()).doesNotContain("(recorded");
        // the regulator's call was corrected by #6, which the auditor's report says as the incident report does
        assertThat(happened.lines().get(1).text()).contains("Regulator called").contains("(corrected by [#6])");
        assertThat(section(AuditContinuityReport.of(snapshot(true, false), SETTINGS), "disclosure")
                        .lines())
                .anySatisfy(l -> assertThat(l.text())
                        .isEqualTo(
                                "Timing: aware 2026-11-25 15:00:00 CET (UTC+01:00); opened in Tandem 2026-11-26 10:00:00 CET (UTC+01:00);"
                                        + " contained 2026-11-26 12:00:00 CET (UTC+01:00)"));

        List<ReportEntry> same = new ArrayList<>(entries(false, false));
        same.removeIf(x -> x.index() >= 9);
        same.add(open(
                9,
                "timeline.entry",
                "responder",
                "{\"kind\":\"NOTE\",\"text\":\"second\"," + "\"eventAt\":\"2026-11-26T08:00:00Z\"}"));
        Report.Section tied = section(
                AuditContinuityReport.of(new Snapshot("i-1", ReportCheckpoint.of(NOTE), same), SETTINGS),
                "what-happened");
        assertThat(tied.lines().stream()
                        // entry 5's time is known to the minute, entry 9's exactly: both 08:00 UTC
                        .filter(l -> l.when().startsWith("2026-11-26 09:00"))
                        .map(Report.Line::cites))
                .containsExactly(List.of(5L), List.of(9L));
        // the incident report's summary is ordered the same way
        assertThat(section(IncidentReport.of(snapshot(true, false), "x"), "what-happened")
                        .lines()
                        .getFirst()
                        .when())
                .isEqualTo("2026-11-25 15:00:00 CET (UTC+01:00)");
    }

    @Test
    void aCorrectedAwarenessIsToldWhenItWasAndTheDisclosureTimesTheLatest() {
        List<ReportEntry> e = new ArrayList<>(entries(true, false));
        e.removeIf(x -> x.index() >= 9);
        e.add(open(
                9,
                "incident.awareness-set",
                "counsel",
                "{\"awareAt\":\"2026-11-24T10:00:00Z\",\"previous\":\"2026-11-25T14:00:00Z\","
                        + "\"reason\":\"the first report came in earlier\"}"));
        Report r = AuditContinuityReport.of(new Snapshot("i-1", ReportCheckpoint.of(NOTE), e), SETTINGS);
        Report.Line first = section(r, "what-happened").lines().getFirst();
        assertThat(first.when()).isEqualTo("2026-11-24 11:00:00 CET (UTC+01:00)");
        assertThat(first.text())
                .startsWith("Awareness set by counsel: 2026-11-24 11:00:00 CET (UTC+01:00) (was 2026-11-25");
        assertThat(first.cites()).containsExactly(9L);
        assertThat(section(r, "disclosure").lines())
                .anySatisfy(l ->
                        assertThat(l.text()).startsWith("Timing: aware 2026-11-24 11:00:00 CET (UTC+01:00); opened"));
    }

    @Test
    void awarenessMovedLaterIsFlaggedAndOnlyTheAwarenessInForceIsWhereDeadlinesRunFrom() {
        List<ReportEntry> e = new ArrayList<>(entries(true, false));
        e.removeIf(x -> x.index() >= 9);
        e.add(open(
                9,
                "incident.awareness-set",
                "counsel",
                "{\"awareAt\":\"2026-11-26T10:00:00Z\",\"previous\":\"2026-11-25T14:00:00Z\","
                        + "\"reason\":\"test\"}"));
        Report r = AuditContinuityReport.of(new Snapshot("i-1", ReportCheckpoint.of(NOTE), e), SETTINGS);
        List<Report.Line> lines = section(r, "what-happened").lines();
        Report.Line opened = lines.stream()
                .filter(l -> l.text().startsWith("The company became aware"))
                .findFirst()
                .orElseThrow();
        assertThat(opened.text())
                .doesNotContain("(deadlines run from here)")
                .contains("as recorded when it was opened (since corrected");
        Report.Line moved =
                lines.stream().filter(l -> l.cites().contains(9L)).findFirst().orElseThrow();
        assertThat(moved.text())
                .contains("WARNING: awareness moved LATER by 20 h: the 72-hour deadline (GDPR Art. 33(1)) moved from"
                        + " 2026-11-28 15:00:00 CET (UTC+01:00) to 2026-11-29 11:00:00 CET (UTC+01:00)")
                .contains("(deadlines run from here)");
    }

    /** The AUDIT item policy.md's row of the audit report's evidence table. */
    static Report.Row readsOfPolicy(List<ReportEntry> entries) {
        Report.Table t = java.util.Objects.requireNonNull(section(
                        AuditContinuityReport.of(new Snapshot("i-1", ReportCheckpoint.of(NOTE), entries), SETTINGS),
                        "evidence")
                .table());
        return t.rows().stream()
                .filter(r -> r.cells().get(1).startsWith("policy.md"))
                .findFirst()
                .orElseThrow();
    }

    static Report.Section section(Report r, String id) {
        return r.sections().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
