package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An API token was issued ({@code token.issued}); public, of no incident, never the token or its
 * hash: its id (to revoke it by), label and expiry, and {@code issuedWith}, the id of the token the
 * request carried, when it carried one (the field is absent otherwise).
 */
public record TokenIssued(
        String username,
        String id,
        String label,
        @Nullable String expiresAt,
        @Nullable String issuedWith) implements Fact {
    public TokenIssued(String username, String id, String label, @Nullable String expiresAt) {
        this(username, id, label, expiresAt, null);
    }

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
        ObjectNode o = Fact.object()
                .put("username", username)
                .put("id", id)
                .put("label", label)
                .put("expiresAt", expiresAt);
        if (issuedWith != null) o.put("issuedWith", issuedWith);
        return o;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
