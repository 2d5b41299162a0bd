package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import java.util.Collection;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Something that happened and is recorded in the ledger. Appended through
 * {@link dev.tandem.server.ledger.Appender#record}; a {@link #privileged()} fact's leaf carries
 * only a salted commitment to its {@link #body()}.
 */
public sealed interface Fact
        permits AnalysisCompleted,
                AnalysisTimelineEntryRecorded,
                AnalysisForensicInputs,
                BackupTaken,
                ChangeAcknowledged,
                ChangeDecided,
                ChangeExecuted,
                ChangeProcessesVerified,
                ChangeRequested,
                ChangeVerified,
                ChangeWithdrawn,
                CheckpointVerified,
                ControlTestsImported,
                ObservationPeriodSet,
                EvidenceAdded,
                EvidenceDamaged,
                EvidencePulledBack,
                EvidenceRead,
                EvidenceRequestFiled,
                EvidenceRequestReminded,
                EvidenceRequestStepped,
                FindingRecorded,
                GrantAdded,
                GrantRevoked,
                IncidentAwarenessSet,
                IncidentClosed,
                IncidentContained,
                IncidentExported,
                IncidentFactsSet,
                IncidentOccurredAtSet,
                IncidentOpened,
                IncidentPhaseChanged,
                JobCancelled,
                JobQueued,
                JudgementRecorded,
                MemberAdded,
                MemberChanged,
                MemberRemoved,
                NoticeEdited,
                NoticeFollowUpSent,
                NoticeSent,
                ObligationAssigned,
                ObligationReminded,
                ObligationStatusChanged,
                ObligationsComputed,
                PiiFindingsRead,
                PiiScanned,
                ScopeUpdated,
                SignOnBound,
                SignOnReleased,
                TimelineCompared,
                TimelineEntryAdded,
                TokenIssued,
                TokenRevoked,
                UserCreated,
                UserDisabled,
                PasswordChanged {

    /** The entry type, e.g. {@code evidence.added}: clients and auditors select entries by it. */
    String type();

    /** The incident the entry belongs to, or null for installation-wide entries (users, tokens). */
    @Nullable
    String incident();

    /** The entry's body: what a privileged entry commits to, or what everyone reads. */
    ObjectNode body();

    /** True when the body must not be in the clear: some FORENSIC input contributed to it. */
    boolean privileged();

    /** True when any of {@code repositories} is FORENSIC: the rule every fact resting on evidence follows. */
    static boolean anyForensic(Collection<Repository> repositories) {
        return repositories.contains(Repository.FORENSIC);
    }

    /** A fresh JSON object for a body. */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * What every webhook reminder's entry records after what it reminds of: the due instant, the
     * lead time reached, the webhook's answer and the other lead times the message covered.
     */
    static ObjectNode reminded(
            ObjectNode body,
            java.time.Instant due,
            java.time.Duration leadTime,
            int webhookStatus,
            java.util.List<java.time.Duration> covers) {
        body.put("due", due.toString()).put("leadTime", leadTime.toString()).put("webhookStatus", webhookStatus);
        var c = body.putArray("covers");
        covers.forEach(d -> c.add(d.toString()));
        return body;
    }
}
