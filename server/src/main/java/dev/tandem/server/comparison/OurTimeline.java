package dev.tandem.server.comparison;

import dev.tandem.timeline.Ours;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Our timeline as a person would list it: the ledger entries a human timeline holds, each
 * described in words, with the time the event happened (docs/timeline-comparison.md, "Which of our
 * entries count"). Spring-free; the caller of {@link #describe} decides which bodies may be read
 * (a privileged entry the caller cannot open is never given here).
 */
final class OurTimeline {
    /** The entry types that give events; everything else (reads, jobs, members, grants, …) is bookkeeping. */
    static final Set<String> LISTED = Set.of(
            "timeline.entry",
            "incident.opened",
            "incident.phase-changed",
            "incident.contained",
            "incident.closed",
            "evidence.added",
            "analysis.completed",
            "notice.sent",
            "obligation.status-changed");

    private OurTimeline() {}

    /**
     * The events one entry gives: none, one, or two for an incident opened with the time the
     * company became aware of it.
     *
     * @param at the server's time of the entry
     * @param body the entry's body, or the opening of a privileged entry
     */
    static List<Ours> describe(long index, String type, Instant at, String actor, JsonNode body) {
        List<Ours> events = new ArrayList<>();
        switch (type) {
            case "timeline.entry" -> {
                String kind = text(body, "kind");
                String words = text(body, "text");
                // a correction speaks of another entry, not of an event
                if (words != null && !"CORRECTION".equals(kind)) {
                    Instant when = time(body, "eventAt");
                    events.add(new Ours(index, type, when == null ? at : when, precision(body), actor, words));
                }
            }
            case "incident.opened" -> {
                String title = orElse(text(body, "title"), "");
                events.add(new Ours(index, type, at, actor, "Incident opened: " + title));
                Instant aware = time(body, "awareAt");
                if (aware != null) {
                    events.add(new Ours(index, type, aware, actor, "Became aware of the incident: " + title));
                }
            }
            case "incident.phase-changed" -> {
                // incident.phase-changed {phase, previous} (docs/timeline.md)
                String to = orElse(text(body, "phase"), "?");
                String from = text(body, "previous");
                events.add(new Ours(
                        index,
                        type,
                        eventTime(body, at),
                        actor,
                        "Phase changed to " + words(to) + (from == null ? "" : " from " + words(from)) + note(body)));
            }
            case "incident.contained" ->
                events.add(new Ours(
                        index,
                        type,
                        // incident.contained {at, text}: when containment took effect, as declared
                        orElse(time(body, "at"), at),
                        actor,
                        "Containment declared: incident contained" + note(body)));
            case "incident.closed" ->
                events.add(new Ours(index, type, eventTime(body, at), actor, "Incident closed" + note(body)));
            case "evidence.added" -> {
                String name = orElse(text(body, "name"), "an item");
                String kind = text(body, "kind");
                String description = text(body, "description");
                Instant collected = time(body, "collectedAt");
                events.add(new Ours(
                        index,
                        type,
                        collected == null ? at : collected,
                        actor,
                        "Evidence added: " + name + (kind == null ? "" : " (" + words(kind) + ")")
                                + (description == null ? "" : ": " + description)));
            }
            case "analysis.completed" ->
                events.add(new Ours(
                        index,
                        type,
                        at,
                        actor,
                        "Leak analysis completed: " + body.path("findings").asLong(0) + " findings"));
            case "notice.sent" ->
                events.add(new Ours(
                        index,
                        type,
                        at,
                        actor,
                        "Notice " + orElse(text(body, "notice"), "") + " sent: authority notified ("
                                + orElse(text(body, "jurisdiction"), "") + ")"));
            case "obligation.status-changed" -> {
                if ("FILED".equals(text(body, "to"))) {
                    events.add(new Ours(
                            index,
                            type,
                            at,
                            actor,
                            "Obligation filed: " + orElse(text(body, "rule"), "") + " notified to "
                                    + orElse(text(body, "recipient"), "") + " ("
                                    + orElse(text(body, "jurisdiction"), "") + ")"));
                }
            }
            default -> {
                // not an event a person would list
            }
        }
        return events;
    }

    private static Instant eventTime(JsonNode body, Instant at) {
        Instant when = time(body, "eventAt");
        return when == null ? at : when;
    }

    private static String note(JsonNode body) {
        String text = orElse(text(body, "text"), orElse(text(body, "note"), text(body, "reason")));
        return text == null || text.isBlank() ? "" : ": " + text;
    }

    /** How far after {@code eventAt} the event may lie, from the entry's {@code eventPrecision}. */
    private static Duration precision(JsonNode body) {
        String p = text(body, "eventPrecision");
        if (p == null) {
            return Duration.ZERO;
        }
        return switch (p) {
            case "MINUTE" -> Duration.ofMinutes(1);
            case "HOUR" -> Duration.ofHours(1);
            case "DAY" -> Duration.ofDays(1);
            default -> Duration.ZERO;
        };
    }

    private static @Nullable String text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isString() && !n.asString().isBlank() ? n.asString() : null;
    }

    private static @Nullable Instant time(JsonNode body, String field) {
        String t = text(body, field);
        if (t == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** RESPOND, DATA_EXPORT: "respond", "data export". */
    private static String words(String constant) {
        return constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    private static <T> @Nullable T orElse(@Nullable T value, @Nullable T fallback) {
        return value != null ? value : fallback;
    }
}
