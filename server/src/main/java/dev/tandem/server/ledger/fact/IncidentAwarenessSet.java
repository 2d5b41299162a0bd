package dev.tandem.server.ledger.fact;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * When the company became aware of the incident was set after it was opened, or corrected
 * ({@code incident.awareness-set}): the new time, the one it replaces (null when the incident had
 * none) and why. Public, as the awareness in {@code incident.opened} is: every deadline runs from it.
 */
public record IncidentAwarenessSet(
        String incident, Instant awareAt, @Nullable Instant previous, String reason) implements Fact {
    @Override
    public String type() {
        return "incident.awareness-set";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("awareAt", awareAt.toString());
        body.put("previous", previous == null ? null : previous.toString());
        body.put("reason", reason);
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
