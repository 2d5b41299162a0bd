package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A local account was created ({@code user.created}); public, of no incident. */
public record UserCreated(String username, @Nullable String displayName, boolean admin) implements Fact {
    @Override
    public String type() {
        return "user.created";
    }

    @Override
    public @Nullable String incident() {
        return null;
    }

    @Override
    public ObjectNode body() {
        return Fact.object()
                .put("username", username)
                .put("displayName", displayName)
                .put("admin", admin);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
