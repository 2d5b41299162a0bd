package dev.tandem.server.ledger.fact;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deadline reminder went to the webhook ({@code obligation.reminded}). Public, except while
 * counsel's incident facts ({@code incident.facts-set}, privileged) move the incident's clocks
 * ({@code restsOnCounselsFacts}): then the due instant could tell them (a deadline 30 days after the
 * determination tells the determination), and the entry is privileged, as the
 * {@code obligations.computed} entries then are.
 */
public record ObligationReminded(
        String incident,
        String obligation,
        String rule,
        String jurisdiction,
        String recipient,
        Instant due,
        Duration leadTime,
        int webhookStatus,
        List<Duration> covers,
        boolean restsOnCounselsFacts)
        implements Fact {
    public ObligationReminded {
        covers = List.copyOf(covers);
    }

    @Override
    public String type() {
        return "obligation.reminded";
    }

    @Override
    public ObjectNode body() {
        return Fact.reminded(
                Fact.object()
                        .put("obligation", obligation)
                        .put("rule", rule)
                        .put("jurisdiction", jurisdiction)
                        .put("recipient", recipient),
                due,
                leadTime,
                webhookStatus,
                covers);
    }

    @Override
    public boolean privileged() {
        return restsOnCounselsFacts;
    }
}
