package dev.tandem.server.incident;

import dev.tandem.server.DomainException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A timeline entry as a person asked for it (docs/contracts.md §2), checked field by field: each refusal
 * is a 422 naming the field. Whether {@code corrects} names an entry the caller may correct is the
 * {@link Timeline}'s to check.
 */
public record EntryDraft(
        EntryKind kind,
        String text,
        @Nullable Instant eventAt,
        @Nullable Precision eventPrecision,
        @Nullable Instant discoveredAt,
        @Nullable Long corrects,
        boolean privileged) {

    /** The longest text an entry takes, in characters. */
    public static final int MAX_TEXT = 10_000;

    /**
     * The times taken: the years RFC 3339 writes (four digits), from year 1 on, which every store
     * keeps (a time outside them is refused, never left to overflow when it is stored).
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** How far ahead of the server's clock a claimed time may lie (the writer's clock may run ahead). */
    public static final java.time.Duration SKEW = java.time.Duration.ofMinutes(5);

    /**
     * A time a person gives for something that has happened ({@code field}): not later than the
     * server's clock {@code now} plus {@code ahead}, and not before {@link #EARLIEST}; else a 422 of
     * {@code problem} naming the field, the server's time and, after it, {@code hint} (may be empty).
     * The one check behind awareness, occurrence, containment, a timeline entry's times, a judgement's
     * decision, a notice's sending and counsel's determination.
     */
    public static Instant past(
            Instant value, String field, String problem, Instant now, java.time.Duration ahead, String hint) {
        if (value.isAfter(now.plus(ahead))) {
            throw DomainException.unprocessable(
                    problem,
                    field + ": " + value + " is in the future (the server's time is "
                            + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")" + hint);
        }
        if (value.isBefore(EARLIEST)) {
            throw DomainException.unprocessable(
                    problem,
                    field + ": must be between " + EARLIEST + " and the server's time " + now + ", got " + value);
        }
        return value;
    }

    public static EntryDraft parse(JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.unprocessable("bad-entry", "the body must be a JSON object");
        }
        String kindName = string(body, "kind");
        EntryKind kind = EntryKind.parse(kindName == null ? "" : kindName)
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-kind", "kind: must be one of " + List.of(EntryKind.values()) + ", got " + kindName));
        String text = string(body, "text");
        if (text == null || text.isBlank()) {
            throw DomainException.unprocessable("bad-text", "text: required");
        }
        if (text.length() > MAX_TEXT) {
            throw DomainException.unprocessable(
                    "bad-text", "text: at most " + MAX_TEXT + " characters, got " + text.length());
        }
        Instant eventAt = time(body, "eventAt");
        Instant discoveredAt = time(body, "discoveredAt");
        String precisionName = string(body, "eventPrecision");
        Precision precision = null;
        if (precisionName != null) {
            precision = Precision.parse(precisionName)
                    .orElseThrow(() -> DomainException.unprocessable(
                            "bad-event-precision",
                            "eventPrecision: must be one of " + List.of(Precision.values()) + ", got "
                                    + precisionName));
            if (eventAt == null) {
                throw DomainException.unprocessable("bad-event-precision", "eventPrecision: given without an eventAt");
            }
        } else if (eventAt != null) {
            precision = Precision.EXACT;
        }
        if (eventAt != null && discoveredAt != null && eventAt.isAfter(discoveredAt)) {
            throw DomainException.unprocessable(
                    "bad-event-at", "eventAt: " + eventAt + " is after discoveredAt " + discoveredAt);
        }
        JsonNode c = body.path("corrects");
        Long corrects = null;
        if (!c.isMissingNode() && !c.isNull()) {
            // a ledger index: a whole number from 0 to the largest long (a larger one cannot be read as one)
            if (!c.isIntegralNumber() || !c.canConvertToLong() || c.asLong() < 0) {
                throw DomainException.unprocessable(
                        "bad-corrects",
                        "corrects: must be the ledger index of an entry, a whole number from 0 to " + Long.MAX_VALUE
                                + ", got " + c);
            }
            corrects = c.asLong();
        }
        if (kind == EntryKind.CORRECTION && corrects == null) {
            throw DomainException.unprocessable(
                    "bad-corrects", "corrects: a CORRECTION names the ledger index of the entry it corrects");
        }
        if (kind != EntryKind.CORRECTION && corrects != null) {
            throw DomainException.unprocessable(
                    "bad-corrects", "corrects: only a CORRECTION names an entry, not a " + kind);
        }
        JsonNode p = body.path("privileged");
        if (!p.isMissingNode() && !p.isNull() && !p.isBoolean()) {
            throw DomainException.unprocessable("bad-privileged", "privileged: must be true or false, got " + p);
        }
        return new EntryDraft(kind, text, eventAt, precision, discoveredAt, corrects, p.asBoolean(false));
    }

    private static @Nullable String string(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw DomainException.unprocessable("bad-" + field, field + ": must be a string, got " + v);
        }
        return v.asString();
    }

    /**
     * RFC 3339 with an offset (a {@code Z} or {@code +01:00}): a time without one is ambiguous. Between
     * {@link #EARLIEST} and {@link #LATEST}.
     */
    static @Nullable Instant time(JsonNode body, String field) {
        String v = string(body, field);
        return v == null ? null : time(v, field);
    }

    /** {@code v} as a time of {@code field}: RFC 3339 with an offset, between EARLIEST and LATEST; else 422. */
    public static Instant time(String v, String field) {
        Instant t;
        try {
            t = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            throw DomainException.unprocessable(
                    "bad-time", field + ": must be an RFC 3339 time with an offset, got " + v);
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw DomainException.unprocessable(
                    "bad-time", field + ": must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, got " + v);
        }
        return t;
    }
}
