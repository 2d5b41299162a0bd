package dev.tandem.server.regulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The text of a reminder, posted as Slack-compatible {@code {"text":...}} (Slack's incoming webhooks;
 * Mattermost and Teams workflows read the same field). Slack's control characters &amp;, &lt; and
 * &gt; are escaped as its message formatting asks.
 */
final class ReminderMessage {
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx (VV)", Locale.ROOT);

    private ReminderMessage() {}

    static String text(StoredObligation o, String incidentTitle, ZoneId zone, Duration leadTime, Instant now) {
        return text(o, incidentTitle, zone, zone, leadTime, now);
    }

    /**
     * As {@link #text(StoredObligation, String, ZoneId, Duration, Instant)}, the deadline told where its
     * days end ({@code ruleZone}: Texas' last day is 4 January in America/Chicago), then in the
     * incident's zone where that reads differently.
     */
    static String text(
            StoredObligation o, String incidentTitle, ZoneId zone, ZoneId ruleZone, Duration leadTime, Instant now) {
        Instant due = o.due();
        if (due == null) {
            throw new IllegalArgumentException("obligation " + o.id() + " has no fixed deadline to remind of");
        }
        String when = LOCAL.format(due.atZone(ruleZone))
                + (due.atZone(ruleZone)
                                .toLocalDateTime()
                                .equals(due.atZone(zone).toLocalDateTime())
                        ? ""
                        : ", " + LOCAL.format(due.atZone(zone)))
                + " (" + due + ")";
        StringBuilder b = opening(leadTime);
        b.append(o.regime())
                .append(" notice to ")
                .append(o.recipient())
                .append(" (")
                .append(o.jurisdiction())
                .append(") is due ")
                .append(when)
                .append(", ")
                .append(left(due, now))
                .append(".\n");
        b.append("Incident: ").append(incidentTitle).append('\n');
        b.append("Citation: ")
                .append(o.citation())
                .append(" [")
                .append(o.confidence())
                .append("]\n");
        b.append("Owner: ").append(owner(o.owner()));
        if ("CONDITIONAL".equals(o.requirement())) {
            b.append("\nConditional: owed only if the open judgement goes that way; decide it first.");
        }
        b.append("\nObligation ").append(o.id()).append(". Not legal advice.");
        return escape(b.toString());
    }

    /** Most characters of the request's text a reminder quotes. */
    static final int MAX_QUOTED = 300;

    /**
     * The reminder of an open evidence request: due at the end of {@code dueOn} in the incident's
     * time zone ({@code due}).
     */
    static String requestText(
            String requestId,
            String requestedBy,
            String asked,
            java.time.LocalDate dueOn,
            java.util.List<String> controls,
            String incidentTitle,
            ZoneId zone,
            Instant due,
            Duration leadTime,
            Instant now) {
        String oneLine = asked.strip().replaceAll("\\s+", " ");
        if (oneLine.length() > MAX_QUOTED) oneLine = oneLine.substring(0, MAX_QUOTED - 1) + "…";
        StringBuilder b = opening(leadTime);
        b.append("evidence request from ")
                .append(requestedBy)
                .append(" is due ")
                .append(dueOn)
                .append(" (end of the day in ")
                .append(zone.getId())
                .append(": ")
                .append(LOCAL.format(due.atZone(zone)))
                .append("), ")
                .append(left(due, now))
                .append(".\n");
        b.append("Asked: ").append(oneLine).append('\n');
        if (!controls.isEmpty())
            b.append("Controls: ").append(String.join(", ", controls)).append('\n');
        b.append("Incident: ").append(incidentTitle).append('\n');
        b.append("Evidence request ")
                .append(requestId)
                .append(": answer it with AUDIT evidence, or decline it with a reason.");
        return escape(b.toString());
    }

    /** "Tandem reminder, set for 3 d before the deadline: ", how every reminder begins. */
    private static StringBuilder opening(Duration leadTime) {
        return new StringBuilder("Tandem reminder, set for ")
                .append(words(leadTime))
                .append(" before the deadline: ");
    }

    /** "in 4 h 0 min", or "OVERDUE by 30 min" once {@code due} is past. */
    private static String left(Instant due, Instant now) {
        return now.isAfter(due)
                ? "OVERDUE by " + words(Duration.between(due, now))
                : "in " + words(Duration.between(now, due));
    }

    private static String owner(@Nullable String owner) {
        return owner == null ? "unassigned" : owner;
    }

    /** "3 d", "2 d 3 h 59 min", "4 h", "30 min": the parts that are not zero ("0 min" for none). */
    static String words(Duration d) {
        long minutes = d.toMinutes();
        long days = minutes / (24 * 60);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (days > 0) parts.add(days + " d");
        if (hours > 0) parts.add(hours + " h");
        if (mins > 0 || parts.isEmpty()) parts.add(mins + " min");
        return String.join(" ", parts);
    }

    /** Slack mrkdwn: &amp;, &lt; and &gt; are control characters and must be escaped. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
