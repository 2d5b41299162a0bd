package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** An evidence item was received ({@code evidence.added}); privileged when it is FORENSIC. */
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
        @Nullable Instant collectedAt)
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
        return body;
    }

    @Override
    public boolean privileged() {
        return repository == Repository.FORENSIC;
    }
}
