package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/**
 * A change request was withdrawn before it ran ({@code change.withdrawn}), by its requester or an
 * incident commander, with the reason: the audit-continuity report shows it withdrawn, not pending.
 */
public record ChangeWithdrawn(String incident, String change, String reason) implements Fact {
    @Override
    public String type() {
        return "change.withdrawn";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("change", change).put("reason", reason);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
