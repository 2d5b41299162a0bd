package dev.tandem.server.report;

import static dev.tandem.server.report.Narration.text;
import static dev.tandem.server.report.Narration.time;

import dev.tandem.server.report.Report.Line;
import dev.tandem.server.report.Report.Row;
import dev.tandem.server.report.Report.Section;
import dev.tandem.server.report.Report.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The incident's obligations as the ledger tells them: added, changed and superseded by each
 * {@code obligations.computed}, moved by each {@code obligation.status-changed}. Status, deadline,
 * recipient and rule only: what the auditor reads too (docs/access.md).
 */
final class Obligations {
    private Obligations() {}

    private static final class Obligation {
        String rule = "";
        String jurisdiction = "";
        String recipient = "";
        String due = "";
        String dueText = "";
        String requirement = "";
        String status = "PENDING";
        /** When a FILED one's notice was sent: the entry's {@code sentAt}, or its recording time. */
        String sentAt = "";

        boolean superseded;
        /** The index of the last computation this reader reads that set its deadline. */
        long computedAt = -1;

        final List<Long> cites = new ArrayList<>();
    }

    static Section section(List<ReportEntry> entries, boolean forAuditor) {
        Map<String, Obligation> byId = new LinkedHashMap<>();
        List<Line> sealed = new ArrayList<>();
        // a computation the reader may not open (counsel's facts moved a clock) may have moved any
        // deadline: those computed before it are not known to stand
        long lastSealedComputation = -1;
        for (ReportEntry e : entries) {
            boolean computed = e.type().equals("obligations.computed");
            boolean moved = e.type().equals("obligation.status-changed");
            if (!computed && !moved) {
                continue;
            }
            JsonNode c = e.content();
            if (c == null) {
                sealed.add(new Line(time(e.at()), Narration.sealed(e), List.of(e.index())));
                if (computed) lastSealedComputation = e.index();
                continue;
            }
            if (computed) {
                for (JsonNode a : c.path("added")) {
                    Obligation o = byId.computeIfAbsent(text(a, "id"), k -> new Obligation());
                    fill(o, a);
                    o.computedAt = e.index();
                    o.cites.add(e.index());
                }
                for (JsonNode a : c.path("changed")) {
                    Obligation o = byId.computeIfAbsent(text(a, "id"), k -> new Obligation());
                    fill(o, a);
                    o.computedAt = e.index();
                    o.cites.add(e.index());
                }
                for (JsonNode a : c.path("superseded")) {
                    Obligation o = byId.computeIfAbsent(text(a, "id"), k -> new Obligation());
                    o.superseded = true;
                    o.cites.add(e.index());
                }
            } else {
                Obligation o = byId.computeIfAbsent(text(c, "obligation"), k -> new Obligation());
                if (o.rule.isEmpty()) {
                    o.rule = text(c, "rule");
                    o.jurisdiction = text(c, "jurisdiction");
                    o.recipient = text(c, "recipient");
                }
                o.status = text(c, "to");
                o.sentAt = c.path("sentAt").isString() ? text(c, "sentAt") : e.at();
                o.cites.add(e.index());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Obligation o : byId.values()) {
            // entries before dueText was recorded name only a fixed deadline
            String due = !o.due.isEmpty() ? time(o.due) : o.dueText.isEmpty() ? "no fixed deadline" : o.dueText;
            boolean dueStands = lastSealedComputation < o.computedAt;
            if (!dueStands && !o.due.isEmpty()) {
                due = due + " (a later, privileged computation may have moved it)";
            }
            // a notice sent after its deadline (GDPR Art. 33(1): with the reasons for the delay), told
            // only where the deadline read is known to stand
            String status = o.status.equals("FILED") && dueStands && late(o) ? "FILED LATE" : o.status;
            rows.add(new Row(
                    List.of(
                            o.rule,
                            o.jurisdiction,
                            o.recipient,
                            o.requirement,
                            due,
                            o.superseded ? status + " (superseded)" : status),
                    List.copyOf(o.cites)));
        }
        List<String> notes = new ArrayList<>();
        if (rows.isEmpty() && sealed.isEmpty()) {
            notes.add("No obligations have been computed.");
        }
        if (forAuditor) {
            notes.add(
                    "Status, deadline and recipient only; the scope and counsel's reasoning are not part of this report.");
        }
        return new Section(
                "obligations",
                "Notification obligations: status and deadlines",
                notes,
                sealed,
                new Table(List.of("Rule", "Jurisdiction", "Recipient", "Requirement", "Due", "Status"), rows));
    }

    private static boolean late(Obligation o) {
        if (o.due.isEmpty() || o.sentAt.isEmpty()) {
            return false;
        }
        try {
            return java.time.Instant.parse(o.sentAt).isAfter(java.time.Instant.parse(o.due));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Takes what a computation says of an obligation it yields (added, or changed: one that was
     * superseded and is yielded again comes back as changed, {@code previousPlacement} SUPERSEDED), so
     * it is no longer superseded.
     */
    private static void fill(Obligation o, JsonNode a) {
        o.superseded = false;
        o.rule = text(a, "rule");
        o.jurisdiction = text(a, "jurisdiction");
        o.recipient = text(a, "recipient");
        o.due = text(a, "due");
        o.dueText = text(a, "dueText");
        o.requirement = text(a, "requirement");
    }
}
