package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** An administrator disabled an account ({@code user.disabled}): its tokens are refused; public. */
public record UserDisabled(String username) implements Fact {
    @Override
    public String type() {
        return "user.disabled";
    }

    @Override
    public @Nullable String incident() {
        return null;
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("username", username);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
