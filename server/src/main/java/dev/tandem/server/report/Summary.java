package dev.tandem.server.report;

import static dev.tandem.server.report.Narration.text;
import static dev.tandem.server.report.Narration.time;

import dev.tandem.server.report.Report.Line;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The incident in a few cited statements: opened, awareness, occurrence, phase, containment, closure,
 * in the order they happened (docs/reports.md).
 */
final class Summary {
    private static final Set<String> LIFECYCLE = Set.of(
            "incident.occurred-at-set",
            "incident.awareness-set",
            "incident.phase-changed",
            "incident.contained",
            "incident.closed");

    /** How the "what happened" sections are ordered, as both reports say it. */
    static final String ORDER = "In the order things happened: each line's time is the one its entry gives for"
            + " the event (when the incident occurred, when the company became aware, when containment took"
            + " effect, when a timeline entry's event happened) and otherwise the time the entry was recorded;"
            + " where the two differ the recording time follows as \"recorded …\". Lines of equal time keep"
            + " the ledger's order.";

    private Summary() {}

    /** A statement and the time it tells of, by which it is ordered. */
    record Dated(Instant at, Line line) {}

    /** The lifecycle in the order it happened, then the current phase. */
    static List<Line> lines(List<ReportEntry> entries, Narration.Names names, boolean forAuditor) {
        List<Line> lines = chronological(lifecycle(entries, names, forAuditor));
        currentPhase(entries).ifPresent(lines::add);
        return lines;
    }

    /** The lifecycle's statements, each with the time it tells of, in ledger order. */
    static List<Dated> lifecycle(List<ReportEntry> entries, Narration.Names names, boolean forAuditor) {
        List<Dated> lines = new ArrayList<>();
        // only the awareness in force is where the deadlines run from; an earlier one was corrected
        ReportEntry inForce = awareness(entries).orElse(null);
        for (ReportEntry e : entries) {
            JsonNode c = e.content();
            if (e.type().equals("incident.opened")) {
                lines.add(dated(e, e.at(), Narration.describe(e, names, forAuditor)));
                if (c != null && !text(c, "awareAt").isEmpty()) {
                    lines.add(dated(
                            e,
                            text(c, "awareAt"),
                            e == inForce
                                    ? "The company became aware of the incident (deadlines run from here)"
                                    : "The company became aware of the incident, as recorded when it was opened"
                                            + " (since corrected: the deadlines run from the awareness in force)"));
                }
            } else if (LIFECYCLE.contains(e.type())) {
                String told = Narration.describe(e, names, forAuditor);
                lines.add(datedAsClaimed(
                        e,
                        happened(e),
                        e == inForce && e.type().equals("incident.awareness-set")
                                ? told + " (deadlines run from here)"
                                : told));
            }
        }
        return lines;
    }

    /**
     * When the company became aware, as the ledger holds it last: the latest public {@code
     * incident.awareness-set}, else the opening's {@code awareAt} ("" when neither says), with the
     * entry that says so.
     */
    static java.util.Optional<ReportEntry> awareness(List<ReportEntry> entries) {
        ReportEntry found = null;
        for (ReportEntry e : entries) {
            JsonNode c = e.content();
            if (c != null
                    && (e.type().equals("incident.opened") || e.type().equals("incident.awareness-set"))
                    && !text(c, "awareAt").isEmpty()) {
                found = e;
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    /** The latest phase, a statement without a time. */
    static java.util.Optional<Line> currentPhase(List<ReportEntry> entries) {
        return Narration.latest(entries, "incident.phase-changed")
                .filter(e -> e.content() != null)
                .map(e -> new Line("", "Current phase: " + text(e.content(), "phase"), List.of(e.index())));
    }

    /**
     * When what {@code e} records happened: the occurrence or awareness it sets, the time containment took
     * effect, a timeline entry's event time; otherwise when it was recorded. A sealed entry tells
     * only its recording time.
     */
    static String happened(ReportEntry e) {
        JsonNode c = e.content();
        String claimed = c == null
                ? ""
                : switch (e.type()) {
                    case "incident.occurred-at-set" -> text(c, "occurredAt");
                    case "incident.awareness-set" -> text(c, "awareAt");
                    case "incident.contained" -> text(c, "at");
                    case "timeline.entry" -> text(c, "eventAt");
                    default -> "";
                };
        return claimed.isEmpty() ? e.at() : claimed;
    }

    /**
     * As {@link #dated(ReportEntry, String, String)}; the time an entry claims ({@link #happened}) is
     * shown at its stated precision, in the incident's hours and days ({@link Narration#claimed}).
     */
    static Dated datedAsClaimed(ReportEntry e, String happenedAt, String text) {
        Dated d = dated(e, happenedAt, text);
        String claimed = happenedAt.equals(happened(e)) ? Narration.claimed(e) : "";
        return claimed.isEmpty()
                ? d
                : new Dated(d.at(), new Line(claimed, d.line().text(), d.line().cites()));
    }

    /** {@code text} told at {@code happenedAt}, with the recording time when that differs. */
    static Dated dated(ReportEntry e, String happenedAt, String text) {
        Instant recorded = instant(e.at());
        Instant at = instant(happenedAt);
        if (at == null) {
            at = recorded;
            happenedAt = e.at();
        }
        String told = at != null && !at.equals(recorded) ? text + " (recorded " + time(e.at()) + ")" : text;
        return new Dated(at == null ? Instant.MAX : at, new Line(time(happenedAt), told, List.of(e.index())));
    }

    /** The statements by the time they tell of; a stable sort, so equal times keep ledger order. */
    static List<Line> chronological(List<Dated> dated) {
        List<Dated> sorted = new ArrayList<>(dated);
        sorted.sort(Comparator.comparing(Dated::at));
        List<Line> lines = new ArrayList<>();
        sorted.forEach(d -> lines.add(d.line()));
        return lines;
    }

    private static @Nullable Instant instant(String rfc3339) {
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeException e) {
            try {
                return Instant.parse(rfc3339);
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }
}
