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
                AnalysisForensicInputs,
                ChangeAcknowledged,
                ChangeDecided,
                ChangeExecuted,
                ChangeProcessesVerified,
                ChangeRequested,
                ChangeVerified,
                CheckpointVerified,
                ControlTestsImported,
                EvidenceAdded,
                EvidenceRead,
                EvidenceRequestFiled,
                EvidenceRequestReminded,
                EvidenceRequestStepped,
                FindingRecorded,
                GrantAdded,
                GrantRevoked,
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
}
