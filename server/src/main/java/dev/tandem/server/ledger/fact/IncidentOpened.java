package dev.tandem.server.ledger.fact;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** An incident was opened ({@code incident.opened}); public. */
public record IncidentOpened(
        String id,
        String title,
        String severity,
        String timeZone,
        @Nullable Instant awareAt) implements Fact {
    @Override
    public String type() {
        return "incident.opened";
    }

    @Override
    public String incident() {
        return id;
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object()
                .put("id", id)
                .put("title", title)
                .put("severity", severity)
                .put("timeZone", timeZone);
        body.put("awareAt", awareAt == null ? null : awareAt.toString());
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
