package dev.tandem.server.regulation;

import dev.tandem.server.DomainException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What is known about how the incident happened, as far as legal clocks care: the part of the
 * engine's input that belongs to the incident and is neither the scope (who, which data) nor the
 * company's configuration (docs/contracts.md §4, ADR 089). The {@code tandem deadlines} flags of
 * the same meaning are {@code --determined} and {@code --unauthorized-access}.
 *
 * @param determinedAt when the company determined (or confirmed) that a breach occurred, for the
 *     laws whose clock runs from that (e.g. C.R.S. 6-1-716(2), Fla. Stat. 501.171(3)); null:
 *     awareness, the safe default
 * @param unauthorizedAccess the incident was caused by an outsider's unauthorized access (hacking,
 *     ransomware): reportable whatever its size under APPI Art. 26 and PIPA Art. 34
 */
public record IncidentFacts(@Nullable Instant determinedAt, boolean unauthorizedAccess) {
    /** Nothing known yet: the engine counts from awareness and applies the size thresholds. */
    public static final IncidentFacts NONE = new IncidentFacts(null, false);

    private static final Set<String> FIELDS = Set.of("determinedAt", "unauthorizedAccess");

    /**
     * Checks the facts against the incident's awareness and the server's clock: a breach is
     * determined after the company learns of it and not in the future. Each refusal is a 422 naming
     * the field.
     */
    public IncidentFacts check(@Nullable Instant awareAt, Instant now) {
        if (determinedAt == null) {
            return this;
        }
        dev.tandem.server.incident.EntryDraft.past(
                determinedAt, "determinedAt", "bad-determined-at", now, java.time.Duration.ZERO, "");
        if (awareAt != null && determinedAt.isBefore(awareAt)) {
            throw DomainException.unprocessable(
                    "bad-determined-at",
                    "determinedAt: " + determinedAt + " is before the incident's awareness " + awareAt
                            + "; a breach is determined after the company learns of it");
        }
        return this;
    }

    /**
     * Reads {@code {"determinedAt":"2026-11-27T10:00:00Z","unauthorizedAccess":true}}; a missing
     * or null {@code determinedAt} means not determined, a missing {@code unauthorizedAccess} false.
     */
    public static IncidentFacts fromJson(JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.unprocessable(
                    "bad-facts", "the facts must be a JSON object with determinedAt and unauthorizedAccess");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw DomainException.unprocessable(
                        "bad-facts", "unknown field '" + name + "' (known: determinedAt, unauthorizedAccess)");
            }
        }
        JsonNode d = body.path("determinedAt");
        Instant determined = null;
        if (!d.isMissingNode() && !d.isNull()) {
            if (!d.isString()) {
                throw DomainException.unprocessable(
                        "bad-determined-at", "determinedAt must be an RFC 3339 time or null, got " + d);
            }
            determined = instant(d.asString());
        }
        JsonNode u = body.path("unauthorizedAccess");
        boolean unauthorized = false;
        if (!u.isMissingNode() && !u.isNull()) {
            if (!u.isBoolean()) {
                throw DomainException.unprocessable(
                        "bad-unauthorized-access", "unauthorizedAccess must be true or false, got " + u);
            }
            unauthorized = u.asBoolean();
        }
        return new IncidentFacts(determined, unauthorized);
    }

    /** Reads an RFC 3339 time with its offset ({@code 2026-11-27T10:00:00Z}); the error names the field. */
    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.unprocessable(
                    "bad-determined-at",
                    "determinedAt: '" + value + "' is not an RFC 3339 time with an offset, e.g. 2026-11-27T10:00:00Z");
        }
    }
}
