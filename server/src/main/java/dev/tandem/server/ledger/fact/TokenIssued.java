package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An API token was issued ({@code token.issued}); public, of no incident, never the token or its
 * hash: its id (to revoke it by), label and expiry.
 */
public record TokenIssued(
        String username, String id, String label, @Nullable String expiresAt) implements Fact {
    @Override
    public String type() {
        return "token.issued";
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
                .put("expiresAt", expiresAt);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
