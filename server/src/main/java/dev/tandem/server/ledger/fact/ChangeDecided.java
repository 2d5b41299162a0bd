package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/**
 * An approver approved or rejected a change ({@code change.decided}): the incident commander or the
 * audit liaison, with the status the change moved to.
 */
public record ChangeDecided(String incident, String change, String decision, String role, String comment, String status)
        implements Fact {
    @Override
    public String type() {
        return "change.decided";
    }

    @Override
    public ObjectNode body() {
        return Fact.object()
                .put("change", change)
                .put("decision", decision)
                .put("role", role)
                .put("comment", comment)
                .put("status", status);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
