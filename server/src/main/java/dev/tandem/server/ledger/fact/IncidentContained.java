package dev.tandem.server.ledger.fact;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** The incident commander declared the incident contained ({@code incident.contained}) as of {@code at}. */
public record IncidentContained(String incident, Instant at, String text) implements Fact {
    @Override
    public String type() {
        return "incident.contained";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("at", at.toString()).put("text", text);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
