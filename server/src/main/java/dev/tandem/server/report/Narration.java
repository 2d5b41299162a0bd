package dev.tandem.server.report;

import dev.tandem.controls.ControlCatalog;
import dev.tandem.server.web.Times;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Ledger entries in words, for both reports. The audit wording ({@code forAuditor}) leaves out
 * what the auditor does not read elsewhere either (docs/access.md): scope counts, owners,
 * judgements' answers and reasons, justifications. A privileged entry whose opening the reader may
 * not see is only "a privileged entry", with its commitment. Types this branch does not write
 * (people's timeline entries and the incident's lifecycle, added elsewhere) are matched by their
 * type strings and rendered when present; an unknown type is named, never skipped.
 */
final class Narration {
    /**
     * The incident's time zone while a report is built ({@link #in}): the times the reports print are
     * told in it, as the pages tell them (docs/reports.md); UTC outside a report or for an incident
     * that names none.
     */
    private static final ScopedValue<ZoneId> ZONE = ScopedValue.newInstance();

    private Narration() {}

    /**
     * Evidence names the reader may see, by evidence id. Two items of one name (two uploads of
     * {@code metadata.zip}) are told apart by the ledger entry that added each: "metadata.zip (added
     * at #34)", as the evidence requests name their items.
     */
    record Names(Map<String, String> byId) {
        static Names of(List<ReportEntry> entries) {
            Map<String, String> named = new LinkedHashMap<>();
            Map<String, Long> addedAt = new HashMap<>();
            Map<String, Integer> uses = new HashMap<>();
            for (ReportEntry e : entries) {
                JsonNode c = e.content();
                if (e.type().equals("evidence.added") && c != null) {
                    named.put(text(c, "evidence"), text(c, "name"));
                    addedAt.put(text(c, "evidence"), e.index());
                    uses.merge(text(c, "name"), 1, Integer::sum);
                }
            }
            Map<String, String> m = new HashMap<>();
            named.forEach(
                    (id, name) -> m.put(id, uses.get(name) > 1 ? name + " (added at #" + addedAt.get(id) + ")" : name));
            return new Names(m);
        }

        String of(String id) {
            String name = byId.get(id);
            return name == null ? "item " + id : name;
        }
    }

    /**
     * Builds a report with its times told in {@code zone}, the incident's as its opening recorded it
     * ({@link RequestHistory#asOf}): {@link #time} prints in it, and a time claimed to the day or the
     * hour is read in it, where it was meant (the server reads it so, {@code Incidents.earliest}).
     */
    static <T> T in(ZoneId zone, java.util.function.Supplier<T> build) {
        return ScopedValue.where(ZONE, zone).call(build::get);
    }

    /** The zone of the report being built ({@link #in}); UTC outside one. */
    static ZoneId zone() {
        return ZONE.orElse(ZoneOffset.UTC);
    }

    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd", java.util.Locale.ROOT);

    /**
     * A claimed time printed no more precisely than it is known, in {@code zone} as the pages show times:
     * "2026-12-05 15:00 UTC, to the hour", "2026-12-05 16:03 CET (UTC+01:00), to the minute", "2026-12-05 (Europe/Berlin), to the day" (the day in the
     * incident's zone, where it was meant); EXACT, or no precision, as {@link #time}.
     */
    static String atPrecision(String rfc3339, String precision, java.time.ZoneId zone) {
        Instant at;
        try {
            at = OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeException e) {
            return time(rfc3339);
        }
        return switch (precision) {
            case "MINUTE" ->
                new Times()
                                .show(
                                        at.atZone(zone)
                                                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                                                .toInstant(),
                                        zone) + ", to the minute";
            case "HOUR" ->
                new Times()
                                .show(
                                        at.atZone(zone)
                                                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                                                .toInstant(),
                                        zone) + ", to the hour";
            case "DAY" ->
                DAY.format(at.atZone(zone)) + " (" + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId())
                        + "), to the day";
            default -> time(rfc3339);
        };
    }

    /**
     * The time an entry claims, at its stated precision (an occurrence, a timeline entry's event
     * time); "" for an entry that claims none at a precision coarser than exact.
     */
    static String claimed(ReportEntry e) {
        JsonNode c = e.content();
        if (c == null) return "";
        String[] at = switch (e.type()) {
            case "incident.occurred-at-set" -> new String[] {text(c, "occurredAt"), text(c, "precision")};
            case "timeline.entry" -> new String[] {text(c, "eventAt"), text(c, "eventPrecision")};
            default -> new String[] {"", ""};
        };
        if (at[0].isEmpty() || at[1].isEmpty() || at[1].equals("EXACT")) return "";
        return atPrecision(at[0], at[1], zone());
    }

    /**
     * An RFC 3339 time as the reports print it: to the second, in the incident's zone with its name
     * and offset ({@code 2026-11-26 10:00:00 CET (UTC+01:00)}), as the pages show times; in UTC,
     * saying so, outside {@link #in}. What does not parse is printed as given.
     */
    static String time(@Nullable String rfc3339) {
        return time(rfc3339, zone());
    }

    /** As {@link #time(String)}, in {@code zone}. */
    static String time(@Nullable String rfc3339, ZoneId zone) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return "";
        }
        Times times = new Times();
        try {
            return times.seconds(OffsetDateTime.parse(rfc3339).toInstant(), zone);
        } catch (DateTimeException e) {
            try {
                return times.seconds(Instant.parse(rfc3339), zone);
            } catch (DateTimeException e2) {
                return rfc3339;
            }
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNull() || v.isMissingNode() ? "" : v.asString();
    }

    /**
     * Control ids as the reports name them: a SOC 2 criterion by its id ("CC6.3"), an ISO/IEC 27001
     * control with its edition, a 2013 one with the 2022 control that replaced it ("A.16.1.5
     * (ISO/IEC 27001:2013; A.5.26 in 2022)"), from the control catalog; ids are kept as recorded,
     * never mapped (docs/contracts.md §5.1). An id the catalog does not hold is printed as it is.
     */
    static String controls(List<String> ids) {
        List<String> named = new ArrayList<>();
        ControlCatalog catalog = ControlCatalog.standard();
        for (String id : ids) {
            named.add(catalog.find(id)
                    .map(c -> switch (c.framework()) {
                        case SOC2 -> c.id();
                        case ISO27001_2022 -> c.id() + " (ISO/IEC 27001:2022)";
                        case ISO27001_2013 ->
                            c.id() + " (ISO/IEC 27001:2013"
                                    + catalog.replacementOf(c.id())
                                            .map(r -> "; " + r.id() + " in 2022")
                                            .orElse("")
                                    + ")";
                    })
                    .orElse(id));
        }
        return String.join(", ", named);
    }

    static List<String> texts(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.path(field).forEach(v -> out.add(v.asString()));
        return out;
    }

    /**
     * What an evidence request's answer linked, as a report names it: its AUDIT items by name, then
     * its changes ({@code change <id>}) and ledger entries ({@code entry #<index>}), ADR 111.
     */
    static List<String> answered(JsonNode b, Names names) {
        List<String> out = new ArrayList<>();
        texts(b, "evidence").forEach(e -> out.add(names.of(e)));
        texts(b, "changes").forEach(c -> out.add("change " + c));
        b.path("entries").forEach(i -> out.add("entry #" + i.asLong()));
        return out;
    }

    /** A privileged entry the reader may not open, as both reports state it. */
    static String sealed(ReportEntry e) {
        return "Privileged entry recorded at " + time(e.at()) + "; commitment " + e.commitment();
    }

    /** The entry in one sentence, or a sealed entry's statement. */
    static String describe(ReportEntry e, Names names, boolean forAuditor) {
        JsonNode b = e.content();
        if (b == null) {
            return sealed(e);
        }
        String by = e.actor().isEmpty() ? "" : " by " + e.actor();
        return switch (e.type()) {
            case "incident.opened" ->
                "Incident opened" + by + ": \"" + text(b, "title") + "\", severity " + text(b, "severity")
                        + (text(b, "awareAt").isEmpty() ? "" : ", aware since " + time(text(b, "awareAt")));
            case "member.added" -> text(b, "username") + " joined as " + text(b, "role") + by;
            case "member.changed" ->
                text(b, "username") + "'s role changed from " + text(b, "previous") + " to " + text(b, "role") + by;
            case "member.removed" -> text(b, "username") + " (" + text(b, "previous") + ") left the incident" + by;
            case "grant.added" ->
                "LEGAL let " + text(b, "username") + " read "
                        + (text(b, "evidence").isEmpty() ? "every FORENSIC item" : names.of(text(b, "evidence"))) + by;
            case "grant.revoked" ->
                "Grant to " + text(b, "username") + " of "
                        + (text(b, "evidence").isEmpty() ? "every FORENSIC item" : names.of(text(b, "evidence")))
                        + " revoked" + by;
            case "evidence.added" ->
                "Evidence added" + by + ": " + text(b, "name") + " (" + text(b, "kind") + ", " + text(b, "repository")
                        + ", SHA-256 " + text(b, "sha256") + ")";
            case "evidence.read" -> "Evidence read" + by + ": " + names.of(text(b, "evidence"));
            case "evidence.pulled-back" ->
                "Evidence pulled back from AUDIT to FORENSIC" + by + ": " + names.of(text(b, "evidence")) + ", "
                        + text(b, "reason") + " (exposed before: "
                        + count(b.path("reads").size(), "read", "reads")
                        + ", " + count(b.path("exports").size(), "export bag", "export bags") + ")";
            case "evidence.damaged" ->
                "Evidence found damaged on a read" + by + ": " + names.of(text(b, "evidence"))
                        + " (its stored bytes are not those recorded)";
            case "pii.findings.read" -> "PII findings of " + names.of(text(b, "evidence")) + " read" + by;
            case "pii.scanned" -> "PII scan finished" + scanned(b, names);
            case "job.queued" -> "Job queued" + by + ": " + text(b, "kind");
            case "job.cancelled" -> "Job " + text(b, "kind") + " cancelled" + by + " (was " + text(b, "was") + ")";
            case "analysis.completed" ->
                "Leak analysis completed: " + text(b, "findings") + " findings, " + text(b, "privilegedFindings")
                        + " of them privileged";
            case "analysis.forensic-inputs" -> "The analysis's FORENSIC inputs were recorded";
            case "leak.finding" ->
                "Finding " + text(b, "severity") + " " + text(b, "pattern") + ": " + text(b, "title") + " (controls "
                        + String.join(", ", texts(b, "controls")) + ")";
            case "leak.timeline-entry" ->
                "Analysis timeline entry: " + text(b, "at") + " " + text(b, "kind") + " " + text(b, "subject") + ": "
                        + text(b, "text");
            case "scope.updated" -> forAuditor ? "Scope updated" + by : "Scope set" + by + ": " + scope(b);
            case "obligations.computed" ->
                "Obligations computed: " + b.path("added").size() + " added, "
                        + b.path("changed").size() + " changed, "
                        + b.path("superseded").size() + " superseded";
            case "obligation.assigned" ->
                forAuditor
                        ? "Owner of obligation " + text(b, "rule") + " changed" + by
                        : "Obligation " + text(b, "rule") + " assigned to "
                                + (text(b, "owner").isEmpty() ? "nobody" : text(b, "owner")) + by;
            case "obligation.status-changed" ->
                "Obligation " + text(b, "rule") + " (" + text(b, "jurisdiction") + ", " + text(b, "recipient")
                        + ") moved from " + text(b, "from") + " to " + text(b, "to") + by;
            case "obligation.reminded" ->
                "Deadline reminder sent for " + text(b, "rule") + ", due " + time(text(b, "due"));
            case "evidence-request.reminded" ->
                "Reminder sent for an evidence request due " + text(b, "dueOn") + " (end of the day: "
                        + time(text(b, "due")) + ")";
            case "judgement.recorded" ->
                forAuditor
                        ? "Judgement recorded" + by
                        : "Judgement on " + text(b, "question") + ": " + text(b, "answer") + by;
            case "notice.edited" -> "Notice " + text(b, "notice") + " version " + text(b, "version") + " saved" + by;
            case "notice.sent" -> "Notice " + text(b, "notice") + " sent (" + text(b, "jurisdiction") + ")" + by;
            case "notice.follow-up-sent" ->
                "Notice " + text(b, "notice") + " follow-up sent (" + text(b, "jurisdiction") + ")" + by;
            case "timeline.entry" -> timelineEntry(b, by);
            case "incident.phase-changed" ->
                "Phase changed" + (text(b, "previous").isEmpty() ? "" : " from " + text(b, "previous")) + " to "
                        + text(b, "phase") + by;
            case "incident.contained" ->
                "Containment declared" + by
                        + (text(b, "at").isEmpty() ? "" : ", contained at " + time(text(b, "at")))
                        + (text(b, "text").isEmpty() ? "" : ": " + text(b, "text"));
            case "incident.awareness-set" ->
                "Awareness set" + by + ": " + time(text(b, "awareAt"))
                        + (text(b, "previous").isEmpty() ? "" : " (was " + time(text(b, "previous")) + ")")
                        + (text(b, "reason").isEmpty() ? "" : ": " + text(b, "reason"))
                        + dev.tandem.server.ledger.fact.IncidentAwarenessSet.movedLater(b, i -> time(i.toString()))
                                .map(w -> ". WARNING: " + w)
                                .orElse("");
            case "incident.occurred-at-set" ->
                "Occurrence time set" + by + ": "
                        + (text(b, "precision").isEmpty()
                                        || text(b, "precision").equals("EXACT")
                                ? time(text(b, "occurredAt"))
                                        + (text(b, "precision").isEmpty() ? "" : ", exact")
                                : atPrecision(text(b, "occurredAt"), text(b, "precision"), zone()));
            case "incident.facts-set" ->
                forAuditor
                        ? "Incident facts set" + by
                        : "Incident facts set" + by + ": "
                                + (text(b, "determinedAt").isEmpty()
                                        ? "breach not yet determined"
                                        : "breach determined at " + time(text(b, "determinedAt")))
                                + (b.path("unauthorizedAccess").asBoolean() ? ", caused by unauthorized access" : "");
            case "change.requested" ->
                "Change requested" + by + ": " + text(b, "title")
                        + (text(b, "kind").isEmpty()
                                ? ""
                                : " (" + text(b, "kind")
                                        + (text(b, "system").isEmpty() ? "" : " on " + text(b, "system"))
                                        + (text(b, "risk").isEmpty() ? "" : ", risk " + text(b, "risk")) + ")")
                        + (texts(b, "controls").isEmpty() ? "" : "; controls " + controls(texts(b, "controls")))
                        + (b.path("emergency").asBoolean() ? "; emergency" : "");
            case "change.decided" ->
                "Change " + (text(b, "decision").startsWith("APPROVE") ? "approved" : "rejected") + by
                        + (text(b, "role").isEmpty() ? "" : " as " + text(b, "role"))
                        + (text(b, "comment").isEmpty() ? "" : ": " + text(b, "comment"));
            case "change.acknowledged" ->
                "Change acknowledged" + by + (text(b, "comment").isEmpty() ? "" : ": " + text(b, "comment"));
            case "change.executed" ->
                "Change executed" + by
                        + (!b.path("beforeApproval").asBoolean()
                                ? ""
                                : !Snapshots.madeBeforeApproval(b)
                                        ? " before its approvals (emergency)"
                                        : b.path("snapshotsBeforeApproval").isEmpty()
                                                ? " before its approvals (a post-change snapshot received before the"
                                                        + " approval)"
                                                : " before its approvals (post-change snapshot "
                                                        + String.join(", ", texts(b, "snapshotsBeforeApproval"))
                                                        + " received before the approval)")
                        + (Snapshots.unapprovedCount(b) == 0
                                ? ""
                                : texts(b, "unapprovedItems").isEmpty()
                                        ? "; beyond its approval, also changed " + items(Snapshots.unapprovedCount(b))
                                        : "; beyond its approval, also changed "
                                                + String.join(", ", texts(b, "unapprovedItems")))
                        + "; "
                        + (b.path("withheld").asBoolean()
                                ? "its differences and notes rest on privileged snapshots"
                                : differences(b))
                        + (b.path("retests").asInt() > 0
                                ? "; " + count(b.path("retests").asInt(), "retest item", "retest items")
                                : "")
                        + (text(b, "notes").isEmpty() ? "" : "; notes: " + text(b, "notes"));
            case "change.withdrawn" -> "Change withdrawn" + by + ": " + text(b, "reason");
            case "change.processes-verified" ->
                "Business processes verified after the change" + by + ": "
                        + String.join(", ", texts(b, "processes"))
                        + (text(b, "comment").isEmpty() ? "" : "; " + text(b, "comment"));
            case "change.verified" ->
                "Change verified by the analyzers: the finding is "
                        + (b.path("closed").asBoolean() ? "closed" : "still open")
                        + (texts(b, "remaining").isEmpty()
                                ? ""
                                : "; " + texts(b, "remaining").size() + " of the same pattern remain");
            case "evidence-request.filed" ->
                "Evidence request filed" + by + ": " + text(b, "text")
                        + (text(b, "due").isEmpty() ? "" : "; due " + text(b, "due"))
                        + (texts(b, "controls").isEmpty() ? "" : "; controls " + controls(texts(b, "controls")));
            case "evidence-request.answered" ->
                "Evidence request answered" + by + " with "
                        + String.join(", ", answered(b, names))
                        + (text(b, "text").isEmpty() ? "" : "; note: " + text(b, "text"));
            case "evidence-request.declined" -> "Evidence request declined" + by + ": " + text(b, "text");
            case "evidence-request.accepted" ->
                "Evidence request accepted" + by + (text(b, "text").isEmpty() ? "" : ": " + text(b, "text"));
            case "evidence-request.reopened" -> "Evidence request reopened" + by + ": " + text(b, "text");
            case "incident.closed" ->
                "Incident closed" + by + (text(b, "text").isEmpty() ? "" : ": " + text(b, "text"));
            case "incident.exported" ->
                "Export bag downloaded" + by + " at ledger tree size " + text(b, "treeSize") + ", with "
                        + (b.path("evidence").size() == 0
                                ? "no AUDIT item"
                                : String.join(
                                        ", ",
                                        texts(b, "evidence").stream()
                                                .map(names::of)
                                                .toList()))
                        + (b.path("entries").isObject()
                                ? "; the bag lists its "
                                        + b.path("entries").path("count").asLong() + " entries below"
                                        + " that size and the SHA-256 of its reports and OSCAL document"
                                : "");
            case "checkpoint.verified" ->
                "Ledger verified offline" + by + " at tree size " + text(b, "treeSize") + " (root "
                        + text(b, "rootHash") + "), consistent with the log when recorded";
            case "timeline.compared" ->
                "Timeline of " + text(b, "source") + " (" + text(b, "rows") + " rows) compared with this one"
                        + by + ": " + text(b, "missingHere") + " of theirs missing here, "
                        + text(b, "missingThere") + " of ours missing there, " + text(b, "timeDiffers")
                        + " with times that differ";
            case "audit.period-set" ->
                "Observation period of the SOC 2 Type II audit set" + by + ": " + text(b, "start") + " to "
                        + text(b, "end")
                        + (b.path("previous").isObject()
                                ? " (was " + text(b.path("previous"), "start") + " to "
                                        + text(b.path("previous"), "end") + ")"
                                : "");
            case "control-tests.imported" ->
                "Control test register imported" + by + ": " + text(b, "rows") + " rows, controls "
                        + controls(texts(b, "controls")) + ", as evidence " + names.of(text(b, "evidence"));
            default -> "Entry " + e.type() + " recorded" + by;
        };
    }

    /** "1 retest item", "3 retest items": {@code n} and the word for one or for many. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** "2 configuration items (named in privileged diffs)": items beyond an approval, counted only. */
    static String items(int n) {
        return n + (n == 1 ? " configuration item" : " configuration items") + " (named in privileged diffs)";
    }

    /** "2 snapshots compared, 3 differences": the diffs a change's execution recorded. */
    private static String differences(JsonNode b) {
        int pairs = b.path("diffs").size();
        int n = 0;
        for (JsonNode d : b.path("diffs")) n += d.path("differences").asInt();
        return pairs == 0
                ? "no snapshot compared"
                : pairs + (pairs == 1 ? " snapshot" : " snapshots") + " compared, " + n
                        + (n == 1 ? " difference" : " differences");
    }

    private static String scanned(JsonNode b, Names names) {
        String item = text(b, "evidence");
        return item.isEmpty() ? "" : " on " + names.of(item);
    }

    static String scope(JsonNode b) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> s : b.path("subjects").properties()) {
            parts.add(s.getKey() + " " + s.getValue().asString());
        }
        return String.join(", ", parts) + "; data " + String.join(", ", texts(b, "data"))
                + (b.path("encrypted").asBoolean() ? "; encrypted" : "; not encrypted");
    }

    private static String timelineEntry(JsonNode b, String by) {
        String kind = text(b, "kind");
        StringBuilder s = new StringBuilder(kind.isEmpty() ? "NOTE" : kind);
        if (!text(b, "corrects").isEmpty()) {
            s.append(" of #").append(text(b, "corrects"));
        }
        s.append(by).append(": ").append(text(b, "text"));
        if (!text(b, "eventAt").isEmpty()) {
            String p = text(b, "eventPrecision");
            s.append(" (happened ")
                    .append(
                            p.isEmpty() || p.equals("EXACT")
                                    ? time(text(b, "eventAt")) + (p.isEmpty() ? "" : ", exact")
                                    : atPrecision(text(b, "eventAt"), p, zone()));
            s.append(')');
        }
        if (!text(b, "discoveredAt").isEmpty()) {
            s.append(" (discovered ").append(time(text(b, "discoveredAt"))).append(')');
        }
        return s.toString();
    }

    /** The timeline entries that correct each entry, by the corrected entry's index. */
    static Map<Long, List<Long>> correctedBy(List<ReportEntry> entries) {
        Map<Long, List<Long>> correctedBy = new LinkedHashMap<>();
        for (ReportEntry e : entries) {
            JsonNode c = e.content();
            if (c != null
                    && e.type().equals("timeline.entry")
                    && !text(c, "corrects").isEmpty()) {
                correctedBy
                        .computeIfAbsent(c.path("corrects").asLong(), k -> new ArrayList<>())
                        .add(e.index());
            }
        }
        return correctedBy;
    }

    /** " (corrected by [#47])" for an entry a later timeline entry corrects, else "". */
    static String corrected(ReportEntry e, Map<Long, List<Long>> correctedBy) {
        List<Long> fixes = correctedBy.getOrDefault(e.index(), List.of());
        return fixes.isEmpty() ? "" : " (corrected by " + Report.cite(fixes) + ")";
    }

    /** The latest visible entry of {@code type}, if any. */
    static Optional<ReportEntry> latest(List<ReportEntry> entries, String type) {
        ReportEntry found = null;
        for (ReportEntry e : entries) {
            if (e.type().equals(type)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }
}
