package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person added an entry to the incident's timeline ({@code timeline.entry}): a note, a decision,
 * an external event or a correction, with the time it happened as claimed ({@code eventAt}, at
 * {@code eventPrecision}) and when it was found ({@code discoveredAt}); the server's own time is
 * the entry's {@code at}. A correction names the ledger index it {@code corrects}; nothing is
 * edited. Privileged when its author (LEGAL or the incident commander) marks it so: everyone else
 * reads its commitment.
 *
 * @param eventAt RFC 3339 UTC, or null when not claimed
 * @param eventPrecision EXACT, MINUTE, HOUR or DAY; null when there is no {@code eventAt}
 * @param discoveredAt RFC 3339 UTC, or null
 */
public record TimelineEntryAdded(
        String incident,
        String kind,
        String text,
        @Nullable String eventAt,
        @Nullable String eventPrecision,
        @Nullable String discoveredAt,
        @Nullable Long corrects,
        boolean privileged)
        implements Fact {
    @Override
    public String type() {
        return "timeline.entry";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("kind", kind).put("text", text);
        body.put("eventAt", eventAt);
        body.put("eventPrecision", eventPrecision);
        body.put("discoveredAt", discoveredAt);
        body.put("corrects", corrects);
        return body;
    }
}
