package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/** A member's role changed ({@code member.changed}), with the grants that ended with it; public. */
public record MemberChanged(
        String incident, String username, String role, String previous, java.util.List<String> grantsRevoked)
        implements Fact {
    @Override
    public String type() {
        return "member.changed";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body =
                Fact.object().put("username", username).put("role", role).put("previous", previous);
        grantsRevoked.forEach(body.putArray("grantsRevoked")::add);
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
