package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/**
 * The SOC 2 Type II observation period of the incident's audit was set ({@code audit.period-set}):
 * its first and last day, ISO 8601, and the period it replaced (null the first time). The reports
 * read the period from these entries, so one drawn at a checkpoint keeps the period then in force.
 */
public record ObservationPeriodSet(
        String incident,
        String start,
        String end,
        @org.jspecify.annotations.Nullable String previousStart,
        @org.jspecify.annotations.Nullable String previousEnd)
        implements Fact {
    @Override
    public String type() {
        return "audit.period-set";
    }

    @Override
    public ObjectNode body() {
        ObjectNode b = Fact.object().put("start", start).put("end", end);
        if (previousStart != null && previousEnd != null) {
            b.putObject("previous").put("start", previousStart).put("end", previousEnd);
        }
        return b;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
