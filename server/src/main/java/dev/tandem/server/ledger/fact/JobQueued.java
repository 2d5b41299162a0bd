package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job was queued ({@code job.queued}); public. Its input names the evidence ids to be read,
 * FORENSIC ones included: the runner needs them to run the job again (ADR 037). {@code incident} is
 * null for a job of the installation (the vault check).
 */
public record JobQueued(String job, String kind, @Nullable String incident, ObjectNode input) implements Fact {
    @Override
    public String type() {
        return "job.queued";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("job", job).put("kind", kind);
        body.set("input", input.deepCopy());
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
