package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** An API token was revoked ({@code token.revoked}), with why; public, of no incident. */
public record TokenRevoked(String username, String id, String label, String reason) implements Fact {
    @Override
    public String type() {
        return "token.revoked";
    }

    @Override
    public @Nullable String incident() {
        return null;
    }

    @Override
    public ObjectNode body() {
        return Fact.object()
                .put("username", username)
                .put("id", id)
                .put("label", label)
                .put("reason", reason);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
