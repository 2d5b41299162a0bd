package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/** The incident commander closed the incident ({@code incident.closed}); its lifecycle changes no more. */
public record IncidentClosed(String incident, String text) implements Fact {
    @Override
    public String type() {
        return "incident.closed";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("text", text);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
