package dev.tandem.server.ledger.fact;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reminder of an open evidence request's due date went to the webhook
 * ({@code evidence-request.reminded}); public, as the request is. {@code due} is the end of
 * {@code dueOn} in the incident's time zone.
 */
public record EvidenceRequestReminded(
        String incident,
        String request,
        LocalDate dueOn,
        Instant due,
        Duration leadTime,
        int webhookStatus,
        List<Duration> covers)
        implements Fact {
    public EvidenceRequestReminded {
        covers = List.copyOf(covers);
    }

    @Override
    public String type() {
        return "evidence-request.reminded";
    }

    @Override
    public ObjectNode body() {
        return Fact.reminded(
                Fact.object().put("request", request).put("dueOn", dueOn.toString()),
                due,
                leadTime,
                webhookStatus,
                covers);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
