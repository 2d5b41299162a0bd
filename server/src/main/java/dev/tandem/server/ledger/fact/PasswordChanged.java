package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user changed their own password, or an administrator set it ({@code user.password-changed}):
 * public; the password and its hash never enter the ledger.
 */
public record PasswordChanged(String username) implements Fact {
    @Override
    public String type() {
        return "user.password-changed";
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
