package dev.tandem.server.evidence;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One received evidence item: its bytes are the blob at {@code sha256}; it is never edited or
 * deleted. Its repository changes once at most: counsel pulls an AUDIT item back to FORENSIC, and
 * {@code pulledBackIndex} is then the {@code evidence.pulled-back} entry that records it ({@code
 * ledgerIndex} stays the {@code evidence.added} entry, which recorded it as AUDIT). {@code
 * privilegeBasis} is why counsel holds a FORENSIC item privileged, as given when it was filed (ADR 153).
 */
public record EvidenceItem(
        String id,
        String incidentId,
        Repository repository,
        EvidenceKind kind,
        String name,
        @Nullable String source,
        @Nullable String description,
        String sha256,
        long size,
        @Nullable Instant collectedAt,
        Instant receivedAt,
        String uploadedBy,
        long ledgerIndex,
        @Nullable Long pulledBackIndex,
        @Nullable String privilegeBasis) {}
