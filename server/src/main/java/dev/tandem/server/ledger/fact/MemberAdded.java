package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/** A person became a member of an incident in a role ({@code member.added}); public: who may see what is part of the audit trail. */
public record MemberAdded(String incident, String username, String role) implements Fact {
    @Override
    public String type() {
        return "member.added";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("username", username).put("role", role);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
