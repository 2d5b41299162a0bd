package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A grant ended ({@code grant.revoked}); public. */
public record GrantRevoked(
        String incident,
        String grant,
        String username,
        @Nullable String evidence) implements Fact {
    @Override
    public String type() {
        return "grant.revoked";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("grant", grant).put("username", username).put("evidence", evidence);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
