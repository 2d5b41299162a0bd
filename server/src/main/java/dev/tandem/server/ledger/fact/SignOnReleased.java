package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An administrator released an account's single sign-on identities ({@code user.sign-on-released}),
 * e.g. after the person's identity was recreated at the provider: the next sign-in binds afresh.
 * Public.
 */
public record SignOnReleased(String username, int identities) implements Fact {
    @Override
    public String type() {
        return "user.sign-on-released";
    }

    @Override
    public @Nullable String incident() {
        return null;
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("username", username).put("identities", identities);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
