package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An account was bound to a single sign-on identity, the provider's issuer and subject, at its
 * first sign-in through that provider ({@code user.sign-on-bound}): public. The subject is the
 * provider's opaque identifier, not a secret.
 */
public record SignOnBound(String username, String issuer, String subject) implements Fact {
    @Override
    public String type() {
        return "user.sign-on-bound";
    }

    @Override
    public @Nullable String incident() {
        return null;
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("username", username).put("issuer", issuer).put("subject", subject);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
