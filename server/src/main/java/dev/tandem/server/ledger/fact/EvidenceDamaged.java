package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import tools.jackson.databind.node.ObjectNode;

/**
 * A read of an evidence item's content stopped because its stored bytes are not those recorded
 * ({@code evidence.damaged}): {@code sha256} the recorded digest, {@code actual} the digest read (or
 * {@code unknown} when the size already differed), {@code detail} what was wrong. Privileged when
 * the item is FORENSIC.
 */
public record EvidenceDamaged(
        String incident, String evidence, String sha256, String actual, String detail, Repository repository)
        implements Fact {
    @Override
    public String type() {
        return "evidence.damaged";
    }

    @Override
    public ObjectNode body() {
        return Fact.object()
                .put("evidence", evidence)
                .put("sha256", sha256)
                .put("actual", actual)
                .put("detail", detail);
    }

    @Override
    public boolean privileged() {
        return repository == Repository.FORENSIC;
    }
}
