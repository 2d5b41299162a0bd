package dev.tandem.server.ledger.fact;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * When the incident occurred became known, or better known ({@code incident.occurred-at-set}):
 * the time at its precision (EXACT, MINUTE, HOUR, DAY) and the value it replaces (null the first time).
 */
public record IncidentOccurredAtSet(
        String incident,
        Instant occurredAt,
        String precision,
        @Nullable Instant previous) implements Fact {
    @Override
    public String type() {
        return "incident.occurred-at-set";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("occurredAt", occurredAt.toString()).put("precision", precision);
        body.put("previous", previous == null ? null : previous.toString());
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
