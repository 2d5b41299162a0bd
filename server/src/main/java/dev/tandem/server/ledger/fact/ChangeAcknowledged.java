package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/** An auditor acknowledged a change ({@code change.acknowledged}): never an approval. */
public record ChangeAcknowledged(String incident, String change, String comment) implements Fact {
    @Override
    public String type() {
        return "change.acknowledged";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("change", change).put("comment", comment);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
