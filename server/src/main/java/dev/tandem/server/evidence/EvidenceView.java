package dev.tandem.server.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tandem.server.access.Access;
import dev.tandem.server.ledger.Ledger;
import org.jspecify.annotations.Nullable;

/**
 * Evidence metadata as one caller may see it: in full, or, for a FORENSIC item the caller may know
 * exists but not see, a stub with what the public ledger shows of it anyway (docs/contracts.md §2).
 */
public sealed interface EvidenceView permits EvidenceView.Full, EvidenceView.Stub {

    record Full(
            String id,
            String incident,
            String repository,
            String kind,
            String name,
            @Nullable String source,
            @Nullable String description,
            String sha256,
            long size,
            @Nullable String collectedAt,
            String receivedAt,
            String uploadedBy,
            long ledgerIndex,
            /* the evidence.pulled-back entry of an item counsel pulled back from AUDIT, else absent */
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            Long pulledBack,
            /* why counsel holds a FORENSIC item privileged, as given when it was filed (ADR 153), else absent */
            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            String privilegeBasis)
            implements EvidenceView {}

    /**
     * What an auditor, the audit liaison or a responder without a grant sees of a FORENSIC item: the
     * commitment its {@code evidence.added} entry carries, or, for an item counsel pulled back from
     * AUDIT (whose {@code evidence.added} entry is in the clear, and has no commitment), {@code
     * pulledBack}, the index of the {@code evidence.pulled-back} entry (docs/contracts.md).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Stub(
            String id,
            String repository,
            String receivedAt,
            long ledgerIndex,
            @Nullable String commitment,
            @Nullable Long pulledBack)
            implements EvidenceView {}

    static Full full(EvidenceItem e) {
        return new Full(
                e.id(),
                e.incidentId(),
                e.repository().name(),
                e.kind().name(),
                e.name(),
                e.source(),
                e.description(),
                e.sha256(),
                e.size(),
                e.collectedAt() == null ? null : e.collectedAt().toString(),
                e.receivedAt().toString(),
                e.uploadedBy(),
                e.ledgerIndex(),
                e.pulledBackIndex(),
                e.privilegeBasis());
    }

    /** The item as {@code access}'s caller may see it. */
    static EvidenceView of(EvidenceItem e, Access access, Ledger ledger) {
        if (access.mayRead(e.id(), e.repository())) {
            return full(e);
        }
        return new Stub(
                e.id(),
                e.repository().name(),
                e.receivedAt().toString(),
                e.ledgerIndex(),
                e.pulledBackIndex() == null ? ledger.commitmentAt(e.ledgerIndex()) : null,
                e.pulledBackIndex());
    }
}
