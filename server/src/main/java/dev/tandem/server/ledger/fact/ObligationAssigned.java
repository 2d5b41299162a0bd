package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** An obligation was given an owner, or none ({@code obligation.assigned}); public. */
public record ObligationAssigned(
        String incident,
        String obligation,
        String rule,
        @Nullable String owner,
        @Nullable String previous) implements Fact {
    @Override
    public String type() {
        return "obligation.assigned";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("obligation", obligation).put("rule", rule);
        body.put("owner", owner);
        body.put("previous", previous);
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
