package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/** A member left an incident ({@code member.removed}), with the grants that ended with them; public. */
public record MemberRemoved(String incident, String username, String previous, java.util.List<String> grantsRevoked)
        implements Fact {
    @Override
    public String type() {
        return "member.removed";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("username", username).put("previous", previous);
        grantsRevoked.forEach(body.putArray("grantsRevoked")::add);
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
