package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.server.ledger.fact.AnalysisCompleted;
import dev.tandem.server.ledger.fact.AnalysisForensicInputs;
import dev.tandem.server.ledger.fact.BackupTaken;
import dev.tandem.server.ledger.fact.ChangeAcknowledged;
import dev.tandem.server.ledger.fact.ChangeDecided;
import dev.tandem.server.ledger.fact.ChangeExecuted;
import dev.tandem.server.ledger.fact.ChangeProcessesVerified;
import dev.tandem.server.ledger.fact.ChangeRequested;
import dev.tandem.server.ledger.fact.ChangeVerified;
import dev.tandem.server.ledger.fact.ChangeWithdrawn;
import dev.tandem.server.ledger.fact.ControlTestsImported;
import dev.tandem.server.ledger.fact.EvidenceAdded;
import dev.tandem.server.ledger.fact.EvidenceRead;
import dev.tandem.server.ledger.fact.Fact;
import dev.tandem.server.ledger.fact.FindingRecorded;
import dev.tandem.server.ledger.fact.GrantAdded;
import dev.tandem.server.ledger.fact.GrantRevoked;
import dev.tandem.server.ledger.fact.IncidentAwarenessSet;
import dev.tandem.server.ledger.fact.IncidentClosed;
import dev.tandem.server.ledger.fact.IncidentContained;
import dev.tandem.server.ledger.fact.IncidentFactsSet;
import dev.tandem.server.ledger.fact.IncidentOccurredAtSet;
import dev.tandem.server.ledger.fact.IncidentOpened;
import dev.tandem.server.ledger.fact.IncidentPhaseChanged;
import dev.tandem.server.ledger.fact.JobCancelled;
import dev.tandem.server.ledger.fact.JobQueued;
import dev.tandem.server.ledger.fact.JudgementRecorded;
import dev.tandem.server.ledger.fact.MemberAdded;
import dev.tandem.server.ledger.fact.MemberChanged;
import dev.tandem.server.ledger.fact.MemberRemoved;
import dev.tandem.server.ledger.fact.NoticeEdited;
import dev.tandem.server.ledger.fact.NoticeFollowUpSent;
import dev.tandem.server.ledger.fact.NoticeSent;
import dev.tandem.server.ledger.fact.ObligationAssigned;
import dev.tandem.server.ledger.fact.ObligationReminded;
import dev.tandem.server.ledger.fact.ObligationStatusChanged;
import dev.tandem.server.ledger.fact.ObligationsComputed;
import dev.tandem.server.ledger.fact.PasswordChanged;
import dev.tandem.server.ledger.fact.PiiFindingsRead;
import dev.tandem.server.ledger.fact.PiiScanned;
import dev.tandem.server.ledger.fact.ScopeUpdated;
import dev.tandem.server.ledger.fact.SignOnBound;
import dev.tandem.server.ledger.fact.SignOnReleased;
import dev.tandem.server.ledger.fact.TimelineCompared;
import dev.tandem.server.ledger.fact.TimelineEntryAdded;
import dev.tandem.server.ledger.fact.TokenIssued;
import dev.tandem.server.ledger.fact.TokenRevoked;
import dev.tandem.server.ledger.fact.UserCreated;
import dev.tandem.server.ledger.fact.UserDisabled;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Every ledger fact type in words, without Spring: one sentence each, never the fallback. */
class TimelineTextTest {
    private static final Instant AT = Instant.parse("2026-11-26T08:00:00Z");
    private static final String SHA = "ab".repeat(32);
    private final TimelineText text = new TimelineText(
            u -> Map.of("ada", "Ada Lovelace", "rafael", "Rafael Costa").getOrDefault(u, u));

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** One fact of every type, with the sentence (or the start of it) it must render as. */
    static Map<Fact, String> samples() {
        Map<Fact, String> s = new LinkedHashMap<>();
        ObjectNode completed = object().put("analysis", "j1").put("findings", 6).put("privilegedFindings", 2);
        s.put(new AnalysisCompleted("i", completed), "Leak analysis found 6 findings (2 privileged)");
        ObjectNode inputs = object().put("analysis", "j1");
        inputs.putArray("evidence").addObject().put("id", "e1");
        s.put(new AnalysisForensicInputs("i", inputs), "Leak analysis read 1 FORENSIC evidence item");
        s.put(
                new EvidenceAdded(
                        "e1",
                        "i",
                        Repository.AUDIT,
                        EvidenceKind.DOCUMENT,
                        "access-review.pdf",
                        SHA,
                        12_345,
                        AT,
                        null,
                        null,
                        null,
                        null),
                "Ada Lovelace added AUDIT evidence access-review.pdf (12,345 bytes)");
        s.put(
                new EvidenceAdded(
                        "e2",
                        "i",
                        Repository.FORENSIC,
                        EvidenceKind.DOCUMENT,
                        "forensic-report.pdf",
                        SHA,
                        100,
                        AT,
                        null,
                        null,
                        null,
                        "Work product: prepared at counsel's direction"),
                "Ada Lovelace added FORENSIC evidence forensic-report.pdf (100 bytes); privilege basis: Work product:"
                        + " prepared at counsel's direction");
        s.put(new EvidenceRead("i", "e1", SHA, Repository.AUDIT), "Ada Lovelace read the content of evidence e1");
        s.put(
                new dev.tandem.server.ledger.fact.EvidenceDamaged(
                        "i", "e1", SHA, "unknown", "blob is truncated", Repository.AUDIT),
                "A read of evidence e1 by Ada Lovelace stopped: its stored bytes are not those recorded");
        ObjectNode finding = object().put("severity", "CRITICAL")
                .put("title", "Integration user synced customers to a sandbox")
                .put("records", 1200);
        s.put(
                new FindingRecorded("i", Set.of(Repository.AUDIT), finding),
                "Leak analysis found a CRITICAL finding: Integration user synced customers to a sandbox (1,200"
                        + " records)");
        s.put(
                new dev.tandem.server.ledger.fact.AnalysisTimelineEntryRecorded(
                        "i",
                        Set.of(Repository.AUDIT),
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("at", "2025-03-10T03:15:00Z")
                                .put("kind", "login")
                                .put("subject", "admin@acme.test")
                                .put("text", "admin@acme.test logged in from 203.0.113.7")),
                "Leak analysis timeline: 2025-03-10 03:15 UTC login admin@acme.test: admin@acme.test logged in"
                        + " from 203.0.113.7");
        s.put(new GrantAdded("i", "g1", "rafael", "e2"), "Ada Lovelace let Rafael Costa read FORENSIC item e2");
        s.put(
                new GrantRevoked("i", "g1", "rafael", null),
                "Ada Lovelace revoked Rafael Costa's access to every FORENSIC item");
        s.put(new IncidentClosed("i", "lessons recorded"), "Ada Lovelace closed the incident: lessons recorded");
        s.put(
                new TimelineCompared("i", "audit lead", 12, 2, 3, 1, SHA, 40, java.time.Duration.ofMinutes(15), false),
                "Ada Lovelace compared the timeline of audit lead (12 rows) with this one: 2 of theirs missing here,"
                        + " 3 of ours missing there, 1 with times that differ");
        s.put(
                new IncidentContained("i", AT, "sync user disabled"),
                "Ada Lovelace declared the incident contained as of 2026-11-26 08:00 UTC: sync user disabled");
        s.put(
                new IncidentFactsSet("i", AT, true, null, null),
                "Ada Lovelace set the incident's facts: breach determined at 2026-11-26 08:00 UTC, caused by an"
                        + " outsider's unauthorized access");
        s.put(
                new IncidentAwarenessSet("i", AT, AT.minusSeconds(3600), "the DPO's first call was at 08:00"),
                "Ada Lovelace set when the company became aware: 2026-11-26 08:00 UTC, was 2026-11-26 07:00 UTC:"
                        + " the DPO's first call was at 08:00");
        s.put(
                new IncidentOccurredAtSet("i", AT, "HOUR", null),
                "Ada Lovelace set when the incident occurred: 2026-11-26 08:00 UTC (to the hour)");
        s.put(
                new IncidentOpened("i", "Export leaked", "HIGH", "UTC", AT),
                "Ada Lovelace opened the incident \"Export leaked\" with severity HIGH");
        s.put(
                new IncidentPhaseChanged("i", "RESPOND", "DETECT"),
                "Ada Lovelace moved the incident from phase DETECT to RESPOND");
        s.put(new JobCancelled("i", "j1", "PII_SCAN", "QUEUED"), "Ada Lovelace cancelled the PII scan (job j1");
        s.put(new JobQueued("j1", "LEAK_ANALYSIS", "i", object()), "Ada Lovelace queued a leak analysis (job j1)");
        s.put(
                new JudgementRecorded("i", "j", "HIGH_RISK", "YES", "cards", AT, false),
                "Ada Lovelace recorded the judgement HIGH_RISK: YES");
        s.put(new MemberAdded("i", "rafael", "RESPONDER"), "Ada Lovelace added Rafael Costa as RESPONDER");
        s.put(
                new MemberChanged("i", "rafael", "LEGAL", "RESPONDER", List.of()),
                "Ada Lovelace changed Rafael Costa's role from RESPONDER to LEGAL");
        s.put(
                new MemberRemoved("i", "rafael", "RESPONDER", List.of()),
                "Ada Lovelace removed Rafael Costa (RESPONDER) from the incident");
        s.put(
                new NoticeEdited("i", "gdpr-art33", 2, SHA, 1_234),
                "Ada Lovelace edited the GDPR Art. 33 notice (version 2, 1,234 characters)");
        s.put(
                new NoticeSent("i", "gdpr-art33", "e9", SHA, Repository.AUDIT, "o1", "DE", AT, List.of()),
                "GDPR Art. 33 notice sent as evidence e9 (SHA-256 abababababab…) for DE by Ada Lovelace");
        s.put(
                new NoticeSent(
                        "i",
                        "gdpr-art33",
                        "e8",
                        SHA,
                        Repository.AUDIT,
                        "o1",
                        "DE",
                        AT,
                        List.of("likely consequences", "measures proposed")),
                "GDPR Art. 33 notice sent as evidence e8 (SHA-256 abababababab…) for DE by Ada Lovelace,"
                        + " incomplete (2 gaps)");
        s.put(
                new NoticeFollowUpSent(
                        "i", "gdpr-art33", "e7", SHA, Repository.AUDIT, "o2", "EU", AT, List.of("likely consequences")),
                "GDPR Art. 33 notice's follow-up (Art. 33(4)) sent as evidence e7 (SHA-256 abababababab…) for EU by"
                        + " Ada Lovelace, giving 1 gap it left");
        s.put(
                new ObligationAssigned("i", "o1", "gdpr-art33", "rafael", null),
                "Ada Lovelace assigned obligation gdpr-art33 to Rafael Costa");
        s.put(
                new ObligationReminded(
                        "i",
                        "o1",
                        "gdpr-art33",
                        "DE",
                        "SUPERVISORY_AUTHORITY",
                        AT,
                        Duration.ofHours(12),
                        200,
                        List.of(),
                        false),
                "Reminder sent: obligation gdpr-art33 (DE, to SUPERVISORY_AUTHORITY) is due 2026-11-26 08:00 UTC");
        s.put(
                new ObligationStatusChanged(
                        "i",
                        "o1",
                        "gdpr-art33",
                        "DE",
                        "SUPERVISORY_AUTHORITY",
                        "PENDING",
                        "FILED",
                        new ObligationStatusChanged.Filing("e9", SHA, Repository.AUDIT),
                        null,
                        false,
                        AT),
                "Ada Lovelace changed obligation gdpr-art33 (DE) from PENDING to FILED with evidence e9");
        ObjectNode computed = object().put("unchanged", 1);
        computed.putArray("added").addObject();
        computed.putArray("changed");
        computed.putArray("superseded");
        s.put(
                new ObligationsComputed("i", Set.of(), false, computed),
                "Obligations computed: 1 added, 0 changed, 0 superseded, 1 unchanged");
        s.put(
                new PiiFindingsRead("i", "e1", SHA, Repository.AUDIT),
                "Ada Lovelace read the PII findings of evidence e1");
        ObjectNode scanned = object().put("evidence", "e1")
                .put("findings", 90)
                .put("people", 30)
                .put("subjects", "DE=20,US-CA=10");
        s.put(
                new PiiScanned("i", Repository.AUDIT, scanned),
                "PII scan of evidence e1 found 90 findings about 30 people (DE=20,US-CA=10)");
        ObjectNode scope = object();
        scope.putObject("subjects").put("DE", 1200).put("US-CA", 800);
        scope.putArray("data").add("CONTACT");
        s.put(
                new ScopeUpdated("i", Set.of(), scope),
                "Ada Lovelace set the scope: 2,000 people (DE=1200, US-CA=800), data CONTACT");
        s.put(
                new TimelineEntryAdded("i", "CORRECTION", "it was 09:00", AT.toString(), "HOUR", null, 7L, false),
                "Ada Lovelace corrected entry 7: it was 09:00 [happened 2026-11-26 08:00 UTC (to the hour)]");
        s.put(
                new BackupTaken(116, true),
                "Ada Lovelace took a backup of the installation at ledger size 116 (it holds the ledger's"
                        + " signing key): every incident's evidence, FORENSIC included");
        s.put(
                new TokenIssued("rafael", "t1", "laptop", null),
                "Ada Lovelace issued the token \"laptop\" to Rafael Costa");
        s.put(
                new TokenRevoked("rafael", "t1", "laptop", "lost"),
                "Ada Lovelace revoked Rafael Costa's token \"laptop\" (lost)");
        s.put(
                new ControlTestsImported(
                        "i",
                        "r1",
                        "e9",
                        "ab".repeat(32),
                        List.of(
                                new ControlTestsImported.Test("CC6.1", "Profile:Admin", "2026-09-14", "Blake"),
                                new ControlTestsImported.Test("CC8.1", "Change:CAB", "2026-09-15", "Blake"),
                                new ControlTestsImported.Test("CC8.1", "Change:Deploy", "2026-09-15", "Blake"))),
                "Ada Lovelace imported the audit firm's control test register (3 rows, 2 controls) as evidence e9");
        s.put(
                new dev.tandem.server.ledger.fact.ObservationPeriodSet(
                        "i", "2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31"),
                "Ada Lovelace set the audit's observation period to 2026-01-01 to 2026-12-31 (was 2025-01-01 to"
                        + " 2025-12-31)");
        s.put(
                new ChangeRequested(
                        "i",
                        "c1",
                        "Revoke ViewAllData",
                        "Salesforce production",
                        "",
                        "ACCESS_RESTRICTION",
                        "MEDIUM",
                        List.of("PermissionSet:Integration_Sync#ViewAllData"),
                        List.of("CC6.3"),
                        List.of("CC6.3"),
                        List.of("e1"),
                        "Redeploy the snapshot",
                        false,
                        null,
                        List.of("Nightly marketing sync"),
                        "f1",
                        null),
                "Ada Lovelace requested an access restriction change \"Revoke ViewAllData\" on Salesforce production"
                        + " (PermissionSet:Integration_Sync#ViewAllData), affecting CC6.3, for finding f1");
        s.put(
                new ChangeDecided("i", "c1", "APPROVE", "AUDIT_LIAISON", "retest booked", "APPROVED"),
                "Ada Lovelace approved change c1 as audit liaison: retest booked (now APPROVED)");
        s.put(
                new ChangeAcknowledged("i", "c1", "noted"),
                "Ada Lovelace acknowledged change c1 (an acknowledgement, not an approval): noted");
        s.put(
                new ChangeExecuted(
                        "i",
                        "c1",
                        List.of("e2"),
                        "deployed",
                        true,
                        List.of(new ChangeExecuted.DiffSummary(
                                "e1", "e2", "SALESFORCE_METADATA", 1, List.of("removed userPermissions ViewAllData"))),
                        2,
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        0,
                        List.of(),
                        List.of()),
                "Ada Lovelace executed change c1 as an emergency, before its approvals: 1 difference between the"
                        + " snapshots, 2 control tests to retest");
        s.put(
                new ChangeWithdrawn("i", "c3", "the only audit liaison requested it"),
                "Ada Lovelace withdrew change c3: the only audit liaison requested it");
        // made before its approvals (a snapshot that predates the approval) and beyond them
        s.put(
                new ChangeExecuted(
                        "i",
                        "c2",
                        List.of("e3"),
                        "",
                        true,
                        List.of(),
                        1,
                        false,
                        List.of("PermissionSet:X#ViewAllData", "Profile:Admin#AuthorApex"),
                        List.of("Profile:Admin#AuthorApex"),
                        List.of("e3"),
                        0,
                        List.of(),
                        List.of()),
                "Ada Lovelace executed change c2 made before its approvals (post-change snapshot e3 received before"
                        + " the approval), beyond its approval: also changed Profile:Admin#AuthorApex: 0 differences"
                        + " between the snapshots, 1 control test to retest");
        // an emergency request records its approval window; an approver who carries it out is told
        s.put(
                new ChangeRequested(
                        "i",
                        "c4",
                        "Remove AuthorApex",
                        "Salesforce production",
                        "",
                        "CONFIGURATION",
                        "HIGH",
                        List.of("Profile:Admin#AuthorApex"),
                        List.of(),
                        List.of(),
                        List.of("e1"),
                        "Redeploy",
                        true,
                        null,
                        List.of(),
                        null,
                        "PT24H"),
                "Ada Lovelace requested an emergency configuration change \"Remove AuthorApex\" on Salesforce"
                        + " production (Profile:Admin#AuthorApex); to be approved within PT24H of its execution");
        s.put(
                new ChangeDecided("i", "c4", "APPROVE", "AUDIT_LIAISON", "", "EXECUTED", true, true, false, null),
                "Ada Lovelace approved change c4 as audit liaison (now EXECUTED); the audit liaison's approval"
                        + " completes it, the incident's only commander having requested it");
        s.put(
                new ChangeExecuted(
                        "i",
                        "c5",
                        List.of("e4"),
                        "",
                        false,
                        List.of(),
                        0,
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        0,
                        List.of(),
                        List.of("INCIDENT_COMMANDER")),
                "Ada Lovelace executed change c5: 0 differences between the snapshots; Ada Lovelace approved it too,"
                        + " as incident commander: a segregation-of-duties observation (CC8.1)");
        s.put(
                new ChangeDecided("i", "c6", "APPROVE", "INCIDENT_COMMANDER", "", "EXECUTED", true, false, true, null),
                "Ada Lovelace approved change c6 as incident commander (now EXECUTED); Ada Lovelace carried it out"
                        + " too: a segregation-of-duties observation (CC8.1)");
        s.put(
                new ChangeDecided(
                        "i",
                        "c7",
                        "APPROVE",
                        "AUDIT_LIAISON",
                        "",
                        "APPROVED",
                        true,
                        false,
                        false,
                        new ChangeDecided.RoleGiven("ian", "cora", "AUDIT_LIAISON", "2026-01-01T10:00:00.000Z", 41)),
                "Ada Lovelace approved change c7 as audit liaison (now APPROVED); ian gave them the role after the"
                        + " change was requested (entry 41): a segregation-of-duties exception (CC8.1)");
        s.put(
                new ChangeVerified("i", "c1", "f1", true, List.of(), false),
                "Leak analysis of change c1's post-change snapshot: finding f1 is closed");
        s.put(
                new ChangeProcessesVerified("i", "c1", List.of("Nightly marketing sync"), "ran at 02:00"),
                "Ada Lovelace verified the business processes of change c1 after it ran: Nightly marketing sync");
        s.put(new UserCreated("rafael", "Rafael Costa", false), "Ada Lovelace created the user Rafael Costa");
        s.put(new UserDisabled("rafael"), "Ada Lovelace disabled the user Rafael Costa");
        s.put(
                new dev.tandem.server.ledger.fact.IncidentExported(
                        "i", 120, java.util.List.of("e1", "e2"), 80L, 14, "ab".repeat(32), java.util.Map.of()),
                "Ada Lovelace exported the incident's bag at ledger tree size 120 with 2 AUDIT evidence items,"
                        + " proving consistency from size 80; the bag lists its 14 entries below that size and the"
                        + " SHA-256 of its reports and OSCAL document");
        s.put(
                new dev.tandem.server.ledger.fact.IncidentExported(
                        "i", 5, java.util.List.of("e1"), null, 1, "ab".repeat(32), java.util.Map.of()),
                "Ada Lovelace exported the incident's bag at ledger tree size 5 with 1 AUDIT evidence item; the bag"
                        + " lists its 1 entries below that size and the SHA-256 of its reports and OSCAL document");
        s.put(new PasswordChanged("rafael"), "Ada Lovelace changed the password of Rafael Costa");
        s.put(
                new SignOnBound("rafael", "https://sso.corp.example/realms/corp", "f3a1"),
                "Rafael Costa signed in through https://sso.corp.example/realms/corp for the first time; the account"
                        + " now follows that identity (subject f3a1)");
        s.put(new SignOnReleased("rafael", 1), "Ada Lovelace released the single sign-on identities of Rafael Costa");
        s.put(
                new dev.tandem.server.ledger.fact.EvidenceRequestReminded(
                        "i",
                        "r1",
                        java.time.LocalDate.of(2026, 12, 1),
                        Instant.parse("2026-12-01T23:00:00Z"),
                        Duration.ofHours(24),
                        200,
                        List.of(Duration.ofHours(24))),
                "Reminder sent: evidence request r1 is due 2026-12-01 (end of the day: 2026-12-01 23:00 UTC)");
        s.put(
                new dev.tandem.server.ledger.fact.EvidenceRequestFiled(
                        "i",
                        "r1",
                        "Access review before and after containment",
                        java.time.LocalDate.of(2026, 12, 1),
                        List.of("CC6.2", "CC6.3")),
                "Ada Lovelace requested evidence r1: \"Access review before and after containment\", due 2026-12-01,"
                        + " for CC6.2, CC6.3");
        s.put(
                new dev.tandem.server.ledger.fact.EvidenceRequestStepped(
                        "i", "r1", "ANSWERED", "ANSWERED", List.of("e1", "e2"), List.of(), List.of(), "both reviews"),
                "Ada Lovelace answered evidence request r1 with 2 AUDIT evidence items (e1, e2): both reviews");
        s.put(
                new dev.tandem.server.ledger.fact.EvidenceRequestStepped(
                        "i", "r1", "ANSWERED", "ANSWERED", List.of(), List.of("c1"), List.of(41L, 42L), ""),
                "Ada Lovelace answered evidence request r1 with 1 change (c1), 2 ledger entries (#41, #42)");
        s.put(
                new dev.tandem.server.ledger.fact.EvidenceRequestStepped(
                        "i", "r1", "DECLINED", "DECLINED", List.of(), List.of(), List.of(), "not kept"),
                "Ada Lovelace declined evidence request r1: not kept");
        s.put(
                new dev.tandem.server.ledger.fact.EvidenceRequestStepped(
                        "i", "r1", "ACCEPTED", "ACCEPTED", List.of(), List.of(), List.of(), ""),
                "Ada Lovelace accepted the answer to evidence request r1");
        s.put(
                new dev.tandem.server.ledger.fact.EvidenceRequestStepped(
                        "i", "r1", "REOPENED", "OPEN", List.of(), List.of(), List.of(), "the after review is missing"),
                "Ada Lovelace reopened evidence request r1: the after review is missing");
        s.put(
                new dev.tandem.server.ledger.fact.EvidencePulledBack(
                        "i",
                        "e1",
                        "9f86",
                        "counsel's memo, filed to AUDIT by mistake",
                        List.of(new dev.tandem.server.ledger.fact.EvidencePulledBack.Read(
                                7, "auditor", "2026-11-26T09:00:00.000Z")),
                        List.of()),
                "Ada Lovelace pulled evidence e1 back from AUDIT to FORENSIC: counsel's memo, filed to AUDIT by"
                        + " mistake (exposed before: 1 read, 0 export bags)");
        s.put(
                new dev.tandem.server.ledger.fact.CheckpointVerified("i", 120, "q1w2e3r4t5y6u7i8o9p0"),
                "Ada Lovelace verified the ledger offline at tree size 120 (root q1w2e3r4t5y6…)");
        return s;
    }

    @Test
    void everyFactTypeHasASampleAndTheRendererKnowsEveryType() {
        Set<Class<?>> sampled =
                samples().keySet().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(Arrays.asList(Fact.class.getPermittedSubclasses()));
        Set<String> types = samples().keySet().stream().map(Fact::type).collect(Collectors.toSet());
        assertThat(TimelineText.TYPES).containsExactlyInAnyOrderElementsOf(types);
    }

    @Test
    void rendersEveryFactTypeAsASentence() {
        samples()
                .forEach((fact, expected) -> assertThat(text.render(fact.type(), fact.body(), "ada"))
                        .as(fact.type())
                        .startsWith(expected)
                        .doesNotContain("recorded " + fact.type())
                        .doesNotContain("?"));
    }

    /** A grant names its item by the name the reader may read, and by id where they may not. */
    @Test
    void aGrantNamesItsItemByNameToAReaderWhoMayReadIt() {
        TimelineText reader = new TimelineText(u -> u, null, id -> id.equals("e2") ? "intake-memo.pdf" : null);
        var memo = new GrantAdded("i", "g1", "rafael", "e2");
        var other = new GrantRevoked("i", "g2", "rafael", "e3");
        assertThat(reader.render(memo.type(), memo.body(), "ada"))
                .isEqualTo("ada let rafael read FORENSIC item intake-memo.pdf");
        assertThat(reader.render(other.type(), other.body(), "ada"))
                .isEqualTo("ada revoked rafael's access to FORENSIC item e3");
        var all = new GrantAdded("i", "g3", "rafael", null);
        assertThat(reader.render(all.type(), all.body(), "ada")).isEqualTo("ada let rafael read every FORENSIC item");
    }

    /** Reads, scans and sent notices name their FORENSIC item by name to a reader who may read it, by id to others. */
    @Test
    void readsScansAndNoticesNameTheirItemByNameToAReaderWhoMayReadIt() {
        TimelineText counsel = new TimelineText(u -> u, null, id -> id.equals("e2") ? "intake-memo.pdf" : null);
        TimelineText auditor = new TimelineText(u -> u, null, id -> null);
        var read = new EvidenceRead("i", "e2", SHA, Repository.FORENSIC);
        assertThat(counsel.render(read.type(), read.body(), "ada"))
                .startsWith("ada read the content of evidence intake-memo.pdf");
        assertThat(auditor.render(read.type(), read.body(), "ada")).startsWith("ada read the content of evidence e2");
        var findings = new PiiFindingsRead("i", "e2", SHA, Repository.FORENSIC);
        assertThat(counsel.render(findings.type(), findings.body(), "ada"))
                .isEqualTo("ada read the PII findings of evidence intake-memo.pdf");
        ObjectNode scanned = object().put("evidence", "e2").put("findings", 3).put("people", 2);
        var scan = new PiiScanned("i", Repository.FORENSIC, scanned);
        assertThat(counsel.render(scan.type(), scan.body(), "ada"))
                .startsWith("PII scan of evidence intake-memo.pdf found 3 findings");
        assertThat(auditor.render(scan.type(), scan.body(), "ada")).startsWith("PII scan of evidence e2 found");
        // an item the reader may not read keeps its id, whoever else may
        var other = new EvidenceRead("i", "e3", SHA, Repository.FORENSIC);
        assertThat(counsel.render(other.type(), other.body(), "ada")).startsWith("ada read the content of evidence e3");
    }

    @Test
    void aPrivilegedEntryShowsOnlyItsCommitment() {
        assertThat(TimelineText.commitment(SHA)).isEqualTo("Privileged entry recorded (commitment abababababab…)");
    }

    @Test
    void anUnknownTypeIsNamedNotGuessed() {
        assertThat(text.render("report.issued", object(), "ada")).isEqualTo("Ada Lovelace recorded report.issued");
    }

    @Test
    void peoplesEntriesSayWhatKindTheyAreAndTheirClaimedTimes() {
        ObjectNode note = new TimelineEntryAdded(
                        "i", "EXTERNAL_EVENT", "regulator called", null, null, AT.toString(), null, false)
                .body();
        assertThat(text.render("timeline.entry", note, "rafael"))
                .isEqualTo(
                        "Rafael Costa recorded an external event: regulator called [discovered 2026-11-26 08:00 UTC]");
    }

    @Test
    void claimedTimesAreToldInTheIncidentsZoneWithTheirOffset() {
        TimelineText berlin = new TimelineText(u -> u, java.time.ZoneId.of("Europe/Berlin"));
        var fact = new TimelineEntryAdded(
                "i", "NOTE", "export ran", AT.toString(), "MINUTE", "2026-11-26T09:30:15Z", null, false);
        assertThat(berlin.render(fact.type(), fact.body(), "ada"))
                .isEqualTo("ada noted: export ran [happened 2026-11-26 09:00 CET (UTC+01:00) (to the minute),"
                        + " discovered 2026-11-26 10:30:15 CET (UTC+01:00)]");
    }

    /** Every time in the words names its zone: a commander in Berlin never reads a UTC time as local. */
    @Test
    void lifecycleTimesAreToldInTheIncidentsZoneWithItsNameAndOffset() {
        TimelineText berlin = new TimelineText(u -> u, java.time.ZoneId.of("Europe/Berlin"));
        var opened = new dev.tandem.server.ledger.fact.IncidentOpened(
                "i", "Leak", "HIGH", "Europe/Berlin", Instant.parse("2026-07-01T12:00:00Z"));
        assertThat(berlin.render(opened.type(), opened.body(), "ada"))
                .endsWith("aware since 2026-07-01 14:00 CEST (UTC+02:00)");
        var contained = new IncidentContained("i", AT, "sync user disabled");
        assertThat(berlin.render(contained.type(), contained.body(), "ada"))
                .isEqualTo(
                        "ada declared the incident contained as of 2026-11-26 09:00 CET (UTC+01:00): sync user disabled");
        var aware = new IncidentAwarenessSet("i", AT, AT.minusSeconds(3599), "call");
        assertThat(berlin.render(aware.type(), aware.body(), "ada"))
                .isEqualTo("ada set when the company became aware: 2026-11-26 09:00 CET (UTC+01:00),"
                        + " was 2026-11-26 08:00:01 CET (UTC+01:00): call. WARNING: awareness moved LATER by 0 h 59"
                        + " min: the 72-hour deadline (GDPR Art. 33(1)) moved from 2026-11-29 08:00:01 CET"
                        + " (UTC+01:00) to 2026-11-29 09:00 CET (UTC+01:00), and every other deadline that runs"
                        + " from awareness with it");
        // moved earlier, the deadlines come sooner: nothing to flag
        var earlier = new IncidentAwarenessSet("i", AT, AT.plusSeconds(3600), "first alert");
        assertThat(berlin.render(earlier.type(), earlier.body(), "ada"))
                .isEqualTo("ada set when the company became aware: 2026-11-26 09:00 CET (UTC+01:00),"
                        + " was 2026-11-26 10:00 CET (UTC+01:00): first alert");
    }
}
