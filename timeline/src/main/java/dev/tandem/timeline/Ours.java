package dev.tandem.timeline;

import java.time.Duration;
import java.time.Instant;

/**
 * One event of our timeline as a person would list it: a ledger entry described in words.
 *
 * @param ledgerIndex the entry it comes from (one entry can give two events: an incident opened,
 *     and the moment the company became aware of it)
 * @param type the entry's type, e.g. {@code timeline.entry}
 * @param at when it happened: a person's {@code eventAt} when they gave one, else the server's time
 * @param precision how far after {@code at} the event may lie ({@link Duration#ZERO} when exact; an
 *     hour for an {@code eventAt} given to the hour): a time inside that span differs by nothing
 * @param source who recorded it (the ledger entry's actor)
 * @param description the entry in words
 */
public record Ours(long ledgerIndex, String type, Instant at, Duration precision, String source, String description) {
    public Ours {
        if (precision.isNegative()) {
            throw new IllegalArgumentException("precision must not be negative: " + precision);
        }
    }

    public Ours(long ledgerIndex, String type, Instant at, String source, String description) {
        this(ledgerIndex, type, at, Duration.ZERO, source, description);
    }
}
