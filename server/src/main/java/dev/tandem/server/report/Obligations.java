package dev.tandem.server.report;

import static dev.tandem.server.report.Narration.text;
import static dev.tandem.server.report.Narration.time;

import dev.tandem.regulation.Rule;
import dev.tandem.regulation.RuleBook;
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
        /** The zone its days end in, as the computation recorded it; null in entries before that. */
        java.time.@org.jspecify.annotations.Nullable ZoneId ruleZone;

        String status = "PENDING";
        /** When a FILED one's notice was sent: the entry's {@code sentAt}, or its recording time. */
        String sentAt = "";

        boolean superseded;
        /** The index of the last computation this reader reads that set its deadline. */
        long computedAt = -1;
        /** The index of the first entry this reader reads that names it. */
        long firstSeen = -1;
        /** The index of the last status change of it this reader reads. */
        long statusAt = -1;

        final List<Long> cites = new ArrayList<>();
    }

    static Section section(List<ReportEntry> entries, boolean forAuditor) {
        Map<String, Obligation> byId = new LinkedHashMap<>();
        List<Line> sealed = new ArrayList<>();
        // a computation the reader may not open (counsel's facts moved a clock) may have moved any
        // deadline: those computed before it are not known to stand
        long lastSealedComputation = -1;
        long lastOpenComputation = -1;
        // the computations the reader may not open after the last one they may: what they added or
        // changed is not in the table
        int sealedSince = 0;
        // what moves a deadline whatever the privileged facts: the awareness time, a notice sent
        long lastAwareness = -1;
        long lastSent = -1;
        // a status change the reader may not open (a filing with FORENSIC evidence, a justification
        // that is counsel's) may have moved any status the table holds from before it
        long lastSealedStatus = -1;
        int sealedStatuses = 0;
        for (ReportEntry e : entries) {
            if (e.type().equals("incident.awareness-set")) lastAwareness = e.index();
            boolean computed = e.type().equals("obligations.computed");
            boolean moved = e.type().equals("obligation.status-changed");
            if (!computed && !moved) {
                continue;
            }
            JsonNode c = e.content();
            if (c == null) {
                sealed.add(new Line(time(e.at()), Narration.sealed(e), List.of(e.index())));
                if (computed) {
                    lastSealedComputation = e.index();
                    sealedSince++;
                } else {
                    lastSealedStatus = e.index();
                    sealedStatuses++;
                }
                continue;
            }
            if (computed) {
                lastOpenComputation = e.index();
                sealedSince = 0;
                for (JsonNode a : c.path("added")) {
                    Obligation o = byId.computeIfAbsent(text(a, "id"), k -> new Obligation());
                    fill(o, a);
                    o.computedAt = e.index();
                    seen(o, e.index());
                }
                for (JsonNode a : c.path("changed")) {
                    Obligation o = byId.computeIfAbsent(text(a, "id"), k -> new Obligation());
                    fill(o, a);
                    o.computedAt = e.index();
                    seen(o, e.index());
                }
                for (JsonNode a : c.path("superseded")) {
                    Obligation o = byId.computeIfAbsent(text(a, "id"), k -> new Obligation());
                    o.superseded = true;
                    seen(o, e.index());
                }
            } else {
                Obligation o = byId.computeIfAbsent(text(c, "obligation"), k -> new Obligation());
                if (o.rule.isEmpty()) {
                    o.rule = text(c, "rule");
                    o.jurisdiction = text(c, "jurisdiction");
                    o.recipient = text(c, "recipient");
                }
                o.status = text(c, "to");
                lastSent = e.index();
                o.sentAt = c.path("sentAt").isString() ? text(c, "sentAt") : e.at();
                o.statusAt = e.index();
                seen(o, e.index());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Obligation o : byId.values()) {
            java.util.Optional<Rule> rule = BOOK.rule(o.rule);
            // entries before dueText was recorded name only a fixed deadline
            String due = !o.due.isEmpty()
                    ? deadline(
                            o.due,
                            o.ruleZone != null
                                    ? o.ruleZone
                                    : rule.map(Rule::zone).orElse(null))
                    : o.dueText.isEmpty() ? "no fixed deadline" : o.dueText;
            boolean dueStands = lastSealedComputation < o.computedAt || stands(o, rule, lastAwareness, lastSent);
            if (!dueStands && !o.due.isEmpty()) {
                // one rule with the API (ObligationViews): a deadline that may run from counsel's
                // privileged determination or judgement is withheld from the auditor
                due = forAuditor && fromPrivileged(rule)
                        ? "withheld: it may run from counsel's privileged determination of the breach or from a"
                                + " privileged judgement's decision"
                        : due + " (a later, privileged computation may have moved it)";
            }
            // a notice sent after its deadline (GDPR Art. 33(1): with the reasons for the delay), told
            // only where the deadline read is known to stand
            String status = o.status.equals("FILED") && dueStands && late(o) ? "FILED LATE" : o.status;
            // FILED is final and a superseded one cannot change; any other status read before a
            // sealed status change may be an old one (the API gives every reader the current status:
            // the table must not contradict it unsaid)
            if (!o.status.equals("FILED") && !o.superseded && lastSealedStatus > Math.max(o.statusAt, o.firstSeen)) {
                status += " (a later, privileged status change may have moved it)";
            }
            rows.add(new Row(
                    List.of(
                            // the confidence beside the citation, not in a column of its own: eight
                            // columns leave the PDF's cells too narrow for their words (Columns)
                            rule.map(r -> r.citation() + " (" + o.rule + "), confidence "
                                            + r.confidence().name())
                                    .orElse(o.rule),
                            o.jurisdiction,
                            o.recipient,
                            requirement(o, rule),
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
        if (sealedSince > 0) {
            // counsel's facts in force make every later computation a commitment (docs/obligations-api.md):
            // the obligations they added, changed or superseded cannot be shown from the entries
            notes.add(sealedSince + (sealedSince == 1 ? " computation" : " computations")
                    + " of the obligations after "
                    + (lastOpenComputation < 0 ? "the start" : "entry #" + lastOpenComputation)
                    + " cannot be opened by this report's reader (listed below): obligations they added, changed or"
                    + " superseded are not in this table. The obligation list of the API and the obligations page"
                    + " give each current obligation's status, and its deadline where it is not withheld.");
        }
        if (sealedStatuses > 0) {
            notes.add(sealedStatuses + (sealedStatuses == 1 ? " status change" : " status changes")
                    + " of the obligations cannot be opened by this report's reader (listed below): a status"
                    + " read before it may have moved since. The obligation list of the API and the obligations"
                    + " page give each current obligation's status.");
        }
        return new Section(
                "obligations",
                "Notification obligations: status and deadlines",
                notes,
                sealed,
                new Table(
                        List.of(
                                "Citation (rule), confidence",
                                "Jurisdiction",
                                "Recipient",
                                "Requirement",
                                "Due (where its days end)",
                                "Status"),
                        rows));
    }

    private static void seen(Obligation o, long index) {
        if (o.firstSeen < 0) {
            o.firstSeen = index;
        }
        o.cites.add(index);
    }

    /** The rules Tandem ships, for each obligation's citation, confidence, question and zone. */
    private static final RuleBook BOOK = RuleBook.standard();

    /**
     * A fixed deadline as counsel reads it: in its rule's own zone, where its days end ("2027-01-04
     * 23:59:59 -06:00 America/Chicago", the last day of Tex. Bus. & Com. Code 521.053(i)), then the
     * instant as the reports print times; a fixed zone would show a day-based deadline on the wrong
     * calendar day (docs/regulation.md, Deadlines).
     */
    static String deadline(String rfc3339, java.time.@org.jspecify.annotations.Nullable ZoneId ruleZone) {
        if (ruleZone == null) {
            return time(rfc3339);
        }
        try {
            java.time.Instant at = java.time.OffsetDateTime.parse(rfc3339).toInstant();
            return LOCAL.format(at.atZone(ruleZone)) + " " + ruleZone.getId() + " (" + time(rfc3339) + ")";
        } catch (java.time.format.DateTimeParseException e) {
            return time(rfc3339);
        }
    }

    private static final java.time.format.DateTimeFormatter LOCAL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", java.util.Locale.ROOT);

    /**
     * Whether a deadline computed before a computation the reader may not open still stands: one
     * that runs from the awareness time (or the end of its year) moves only with a later
     * {@code incident.awareness-set}, one that runs from another notice only with a later notice
     * sent; both are entries every reader reads. One that runs from the determination or a
     * judgement's decision may have moved with privileged facts.
     */
    private static boolean stands(Obligation o, java.util.Optional<Rule> rule, long lastAwareness, long lastSent) {
        if (rule.isEmpty()) return false;
        return switch (rule.get().deadline().from()) {
            case AWARENESS, YEAR_END -> lastAwareness < o.computedAt;
            case NOTICE -> lastSent < o.computedAt && lastAwareness < o.computedAt;
            default -> false;
        };
    }

    /** A deadline that may run from counsel's determination or a judgement's decision. */
    private static boolean fromPrivileged(java.util.Optional<Rule> rule) {
        return rule.map(r -> switch (r.deadline().from()) {
                    case AWARENESS, YEAR_END, NOTICE -> false;
                    default -> true;
                })
                .orElse(true);
    }

    /** The requirement, and for a CONDITIONAL one the open question it waits on. */
    private static String requirement(Obligation o, java.util.Optional<Rule> rule) {
        if (!o.requirement.equals("CONDITIONAL")) return o.requirement;
        return rule.map(Rule::question)
                .map(q -> "CONDITIONAL: waits on " + q.key()
                        + java.util.Optional.ofNullable(BOOK.questions().get(q.key()))
                                .map(t -> " (" + t.text() + ")")
                                .orElse(""))
                .orElse(o.requirement);
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
    private static java.time.@org.jspecify.annotations.Nullable ZoneId zone(String id) {
        try {
            return id.isEmpty() ? null : java.time.ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static void fill(Obligation o, JsonNode a) {
        o.superseded = false;
        o.rule = text(a, "rule");
        o.jurisdiction = text(a, "jurisdiction");
        o.recipient = text(a, "recipient");
        o.due = text(a, "due");
        o.dueText = text(a, "dueText");
        // entries before the zone was recorded: the rule's (the EU's default for the GDPR)
        o.ruleZone = zone(text(a, "ruleZone"));
        o.requirement = text(a, "requirement");
    }
}
