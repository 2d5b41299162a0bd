package dev.tandem.server.ledger.fact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Each fact type's privilege decision, without Spring or a database. */
class FactTest {
    private static final Instant AT = Instant.parse("2026-11-26T08:00:00Z");

    @Test
    void aNoticeDraftsVersionIsCounselsWorkProduct() {
        assertThat(new NoticeEdited("i", "gdpr-art33", 1, "h", 3).privileged()).isTrue();
    }

    @Test
    void evidenceFactsArePrivilegedExactlyForForensicItems() {
        for (Repository r : Repository.values()) {
            boolean forensic = r == Repository.FORENSIC;
            assertThat(new EvidenceAdded("e", "i", r, EvidenceKind.LOG, "n", "h", 1, AT, null, null, null, null)
                            .privileged())
                    .isEqualTo(forensic);
            assertThat(new EvidenceRead("i", "e", "h", r).privileged()).isEqualTo(forensic);
            assertThat(new PiiFindingsRead("i", "e", "h", r).privileged()).isEqualTo(forensic);
            assertThat(new PiiScanned("i", r, JsonNodeFactory.instance.objectNode()).privileged())
                    .isEqualTo(forensic);
            assertThat(new NoticeSent("i", "n", "e", "h", r, "o", "EU", AT, List.of()).privileged())
                    .isEqualTo(forensic);
        }
    }

    @Test
    void aFindingIsPrivilegedWhenAnyForensicInputContributedOrNothingTellsWhat() {
        var body = JsonNodeFactory.instance.objectNode();
        assertThat(new FindingRecorded("i", Set.of(Repository.AUDIT), body).privileged())
                .isFalse();
        assertThat(new FindingRecorded("i", Set.of(Repository.AUDIT, Repository.FORENSIC), body).privileged())
                .isTrue();
        assertThat(new FindingRecorded("i", Set.of(), body).privileged()).isTrue();
    }

    @Test
    void theScopeIsAlwaysPrivilegedAndObligationsWhenDerivedFromForensicEvidence() {
        var body = JsonNodeFactory.instance.objectNode();
        // the auditor reads no scope, whatever it rests on (docs/access.md)
        for (Set<Repository> restsOn :
                List.of(Set.<Repository>of(), Set.of(Repository.AUDIT), Set.of(Repository.FORENSIC))) {
            assertThat(new ScopeUpdated("i", restsOn, body).privileged())
                    .as(restsOn.toString())
                    .isTrue();
        }
        assertThat(new ObligationsComputed("i", Set.of(Repository.FORENSIC), false, body).privileged())
                .isTrue();
        assertThat(new ObligationsComputed("i", Set.of(), false, body).privileged())
                .isFalse();
    }

    @Test
    void obligationsComputedFromCounselsFactsArePrivileged() {
        // a deadline that runs from counsel's determination tells the determination (incident.facts-set)
        var body = JsonNodeFactory.instance.objectNode();
        assertThat(new ObligationsComputed("i", Set.of(), true, body).privileged())
                .isTrue();
        assertThat(new ObligationsComputed("i", Set.of(Repository.AUDIT), true, body).privileged())
                .isTrue();
        // and so is a reminder of a deadline while those facts are in force
        var due = Instant.parse("2026-12-28T06:59:59Z");
        var hours = java.time.Duration.ofHours(24);
        assertThat(new ObligationReminded(
                                "i", "o", "us-co-individuals", "US-CO", "INDIVIDUALS", due, hours, 200, List.of(), true)
                        .privileged())
                .isTrue();
        assertThat(new ObligationReminded(
                                "i",
                                "o",
                                "us-co-individuals",
                                "US-CO",
                                "INDIVIDUALS",
                                due,
                                hours,
                                200,
                                List.of(),
                                false)
                        .privileged())
                .isFalse();
    }

    @Test
    void analysisCompletionIsPublicAndItsForensicInputsPrivileged() {
        var body = JsonNodeFactory.instance.objectNode();
        assertThat(new AnalysisCompleted("i", body).privileged()).isFalse();
        assertThat(new AnalysisForensicInputs("i", body).privileged()).isTrue();
    }

    @Test
    void judgementsAndJustificationsFollowLegalsChoice() {
        assertThat(new JudgementRecorded("i", "j", "HIGH_RISK", "YES", "why", AT, true).privileged())
                .isTrue();
        assertThat(new JudgementRecorded("i", "j", "HIGH_RISK", "YES", "why", AT, false).privileged())
                .isFalse();
        assertThat(status(null, "why", true).privileged()).isTrue();
        assertThat(status(null, "why", false).privileged()).isFalse();
        // no justification: nothing to keep privileged
        assertThat(status(null, null, true).privileged()).isFalse();
    }

    @Test
    void filingWithForensicEvidenceIsPrivilegedWhateverTheJustification() {
        var forensic = new ObligationStatusChanged.Filing("e", "h", Repository.FORENSIC);
        var audit = new ObligationStatusChanged.Filing("e", "h", Repository.AUDIT);
        assertThat(status(forensic, null, false).privileged()).isTrue();
        assertThat(status(audit, null, false).privileged()).isFalse();
        assertThat(status(audit, null, false).body().path("sha256").asString()).isEqualTo("h");
    }

    @Test
    void keepsEntryTypesAndBodyFieldsClientsRead() {
        var opened = new IncidentOpened("i", "t", "HIGH", "UTC", null);
        assertThat(opened.type()).isEqualTo("incident.opened");
        assertThat(opened.incident()).isEqualTo("i");
        assertThat(opened.body().propertyNames())
                .containsExactlyInAnyOrder("id", "title", "severity", "timeZone", "awareAt");
        assertThat(new UserCreated("u", null, false).incident()).isNull();
        TokenIssued issued = new TokenIssued("u", "t-1", "l", null);
        assertThat(issued.type()).isEqualTo("token.issued");
        assertThat(issued.body().propertyNames()).containsExactlyInAnyOrder("username", "id", "label", "expiresAt");
        assertThat(issued.privileged()).isFalse();
        assertThat(new TokenIssued("u", "t-2", "l", "2097-01-01T00:00:00Z", "t-1")
                        .body()
                        .path("issuedWith")
                        .asString())
                .isEqualTo("t-1");
        BackupTaken backup = new BackupTaken(41, true);
        assertThat(backup.type()).isEqualTo("backup.taken");
        assertThat(backup.incident()).isNull();
        assertThat(backup.privileged()).isFalse();
        assertThat(backup.body().propertyNames()).containsExactly("treeSize", "signingKey");
        assertThat(backup.body().path("signingKey").asBoolean()).isTrue();
        assertThat(status(null, "why", true).type()).isEqualTo("obligation.status-changed");
        assertThat(status(null, "why", true).body().propertyNames())
                .containsExactlyInAnyOrder(
                        "obligation",
                        "rule",
                        "jurisdiction",
                        "recipient",
                        "from",
                        "to",
                        "evidence",
                        "sha256",
                        "justification");
    }

    @Test
    void aComparisonIsPrivilegedWhenAPrivilegedEntryTookPart() {
        var seen =
                new TimelineCompared("i", "audit lead", 3, 1, 1, 1, "h", 42, java.time.Duration.ofMinutes(15), false);
        assertThat(seen.type()).isEqualTo("timeline.compared");
        assertThat(seen.privileged()).isFalse();
        assertThat(seen.body().propertyNames())
                .containsExactlyInAnyOrder(
                        "source",
                        "rows",
                        "missingHere",
                        "missingThere",
                        "timeDiffers",
                        "sha256",
                        "treeSize",
                        "tolerance");
        assertThat(seen.body().path("tolerance").asString()).isEqualTo("PT15M");
        assertThat(new TimelineCompared("i", "s", 3, 1, 1, 1, "h", 42, java.time.Duration.ofMinutes(15), true)
                        .privileged())
                .isTrue();
    }

    private static ObligationStatusChanged status(
            ObligationStatusChanged.Filing filing, String justification, boolean privileged) {
        return new ObligationStatusChanged(
                "i",
                "o",
                "r",
                "EU",
                "SA",
                "PENDING",
                filing == null ? "NOT_REQUIRED" : "FILED",
                filing,
                justification,
                privileged,
                filing == null ? null : AT);
    }
}
