package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** LEGAL let a responder read one FORENSIC item, or all of them ({@code grant.added}); public: it names an item's id, which its stub shows anyway, never what it is. */
public record GrantAdded(
        String incident,
        String grant,
        String username,
        @Nullable String evidence) implements Fact {
    @Override
    public String type() {
        return "grant.added";
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
