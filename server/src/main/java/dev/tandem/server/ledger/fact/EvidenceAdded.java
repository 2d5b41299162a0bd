package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An evidence item was received ({@code evidence.added}); privileged when it is FORENSIC. A FORENSIC
 * item's {@code privilegeBasis}, when counsel gave one, is in the body only then (ADR 153): the
 * entries of items filed without one, AUDIT items among them, keep the bytes they always had.
 */
public record EvidenceAdded(
        String evidence,
        String incident,
        Repository repository,
        EvidenceKind kind,
        String name,
        String sha256,
        long size,
        Instant receivedAt,
        @Nullable String source,
        @Nullable String description,
        @Nullable Instant collectedAt,
        @Nullable String privilegeBasis)
        implements Fact {

    @Override
    public String type() {
        return "evidence.added";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object()
                .put("evidence", evidence)
                .put("repository", repository.name())
                .put("kind", kind.name())
                .put("name", name)
                .put("sha256", sha256)
                .put("size", size)
                .put("receivedAt", receivedAt.toString());
        body.put("source", source);
        body.put("description", description);
        body.put("collectedAt", collectedAt == null ? null : collectedAt.toString());
        if (privilegeBasis != null) {
            body.put("privilegeBasis", privilegeBasis);
        }
        return body;
    }

    @Override
    public boolean privileged() {
        return repository == Repository.FORENSIC;
    }
}
