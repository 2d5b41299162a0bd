package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/** Someone cancelled a job ({@code job.cancelled}), queued or while it ran; public. */
public record JobCancelled(
        @org.jspecify.annotations.Nullable String incident, String job, String kind, String was) implements Fact {
    @Override
    public String type() {
        return "job.cancelled";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("job", job).put("kind", kind).put("was", was);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
