package dev.tandem.server.report;

import static dev.tandem.server.report.Narration.text;
import static dev.tandem.server.report.Narration.texts;
import static dev.tandem.server.report.Narration.time;

import dev.tandem.server.report.Report.Line;
import dev.tandem.server.report.Report.Row;
import dev.tandem.server.report.Report.Section;
import dev.tandem.server.report.Report.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The audit-continuity report, for the auditors (issue 11): what happened and when, which
 * evidence exists and where, what was changed and by whom, which controls are affected, and the
 * disclosure the auditor needs under SOC 2 description criterion DC4 (system incidents: their
 * nature, timing, extent and disposition) or as a subsequent event. It is built from the sealed
 * snapshot only, whoever asks: a privileged entry is "a privileged entry recorded at T" with its
 * commitment, never a name or a body, so every member reads the same document.
 */
public final class AuditContinuityReport {
    /** Changes to who may see what, to decisions and to the incident's state. */
    private static final Set<String> NOT_CHANGES = Set.of(
            "incident.opened",
            "evidence.added",
            "evidence.read",
            "pii.findings.read",
            "pii.scanned",
            "job.queued",
            "analysis.completed",
            "analysis.forensic-inputs",
            "leak.finding",
            "leak.timeline-entry",
            "obligation.reminded",
            "control-tests.imported",
            "evidence-request.filed",
            "evidence-request.answered",
            "evidence-request.declined",
            "evidence-request.accepted",
            "evidence-request.reopened",
            "evidence-request.reminded");

    /** The evidence table's headings. */
    static final List<String> EVIDENCE_COLUMNS =
            List.of("Received", "Item", "Kind", "Where", "SHA-256 (content address)", "Bytes", "Added by", "Reads");

    private AuditContinuityReport() {}

    public static Report of(Snapshot snapshot, ChangeControl.Settings settings) {
        return draw(snapshot, settings).report();
    }

    /**
     * The report and the export's OSCAL part of its change-control sections (docs/contracts.md §5),
     * drawn together: one reading of the entries and of the settings serves both, so they agree.
     */
    public record Drawn(Report report, ChangeControlAudit changeControl) {}

    public static Drawn draw(Snapshot snapshot, ChangeControl.Settings settings) {
        Snapshot s = snapshot.sealed();
        java.time.ZoneId zone = RequestHistory.asOf(s).zone();
        return Narration.in(zone, () -> build(s, settings, zone));
    }

    private static Drawn build(Snapshot s, ChangeControl.Settings settings, java.time.ZoneId zone) {
        List<ReportEntry> entries = s.entries();
        Narration.Names names = Narration.Names.of(entries);
        List<Section> sections = new ArrayList<>();
        List<Summary.Dated> dated = new ArrayList<>(Summary.lifecycle(entries, names, true));
        Map<Long, List<Long>> correctedBy = Narration.correctedBy(entries);
        for (ReportEntry e : entries) {
            if (e.type().equals("timeline.entry") || e.type().equals("leak.finding")) {
                dated.add(Summary.datedAsClaimed(
                        e,
                        Summary.happened(e),
                        Narration.describe(e, names, true) + Narration.corrected(e, correctedBy)));
            }
        }
        List<Line> happened = Summary.chronological(dated);
        Summary.currentPhase(entries).ifPresent(happened::add);
        sections.add(new Section("what-happened", "What happened and when", List.of(Summary.ORDER), happened, null));
        sections.add(evidence(entries, names));
        sections.add(changes(entries, names));
        sections.add(controls(entries));
        sections.add(requests(s));
        ChangeControl.Drawn changeControl = ChangeControl.draw(entries, settings);
        sections.addAll(changeControl.sections());
        sections.add(Obligations.section(entries, true));
        sections.add(disclosure(entries));
        ReportEntry opened = entries.isEmpty() ? null : entries.getFirst();
        String title = opened != null && opened.content() != null ? text(opened.content(), "title") : "";
        return new Drawn(
                new Report(
                        "audit-continuity",
                        "Audit-continuity report",
                        "Auditors and every member of the incident",
                        s.incident(),
                        title,
                        s.checkpoint(),
                        sections,
                        zone),
                changeControl.audit());
    }

    private static Section evidence(List<ReportEntry> entries, Narration.Names names) {
        Map<String, List<ReportEntry>> reads = new LinkedHashMap<>();
        List<Long> privilegedReads = new ArrayList<>();
        // items counsel pulled back to FORENSIC: listed as they were recorded, and where they are now
        Map<String, ReportEntry> pulledBack = new LinkedHashMap<>();
        for (ReportEntry e : entries) {
            if (e.type().equals("evidence.pulled-back") && e.content() != null) {
                pulledBack.put(text(e.content(), "evidence"), e);
            }
        }
        for (ReportEntry e : entries) {
            if (e.type().equals("evidence.read")) {
                if (e.content() == null) {
                    privilegedReads.add(e.index());
                } else {
                    reads.computeIfAbsent(text(e.content(), "evidence"), k -> new ArrayList<>())
                            .add(e);
                }
            } else if (e.type().equals("incident.exported") && e.content() != null) {
                // an export hands the item's bytes over as a read does
                for (JsonNode item : e.content().path("evidence")) {
                    reads.computeIfAbsent(item.asString(), k -> new ArrayList<>())
                            .add(e);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (ReportEntry e : entries) {
            if (!e.type().equals("evidence.added")) {
                continue;
            }
            JsonNode c = e.content();
            if (c == null) {
                rows.add(new Row(
                        List.of(
                                time(e.at()),
                                "Privileged item recorded at " + time(e.at()),
                                "",
                                "FORENSIC repository (privileged)",
                                "commitment " + e.commitment(),
                                "",
                                e.actor(),
                                ""),
                        List.of(e.index())));
                continue;
            }
            List<ReportEntry> r = reads.getOrDefault(text(c, "evidence"), List.of());
            List<Long> cites = new ArrayList<>();
            cites.add(e.index());
            r.forEach(x -> cites.add(x.index()));
            TreeSet<String> readers = new TreeSet<>();
            r.forEach(x -> readers.add(x.actor()));
            ReportEntry moved = pulledBack.get(text(c, "evidence"));
            String where = text(c, "repository") + " repository";
            if (moved != null) {
                cites.add(moved.index());
                // when: the move's entry, cited in the row (a time here would widen the column past the
                // page's nine columns, breaking short words in the others)
                // counsel's reason, public in the move's entry (ADR 104) as in the export's OSCAL results
                // (docs/contracts.md §5): the auditor learns why the item was withdrawn, and from which entry
                where = "FORENSIC repository (privileged): pulled back from AUDIT by " + moved.actor()
                        + "; no longer auditor evidence; reason (entry #" + moved.index() + "): "
                        + reason(moved);
            }
            rows.add(new Row(
                    List.of(
                            time(text(c, "receivedAt").isEmpty() ? e.at() : text(c, "receivedAt")),
                            names.of(text(c, "evidence")),
                            text(c, "kind"),
                            where,
                            text(c, "sha256"),
                            text(c, "size"),
                            e.actor(),
                            r.isEmpty() ? "not read" : r.size() + " (" + String.join(", ", readers) + ")"),
                    cites));
        }
        List<Line> lines = new ArrayList<>();
        if (!privilegedReads.isEmpty()) {
            lines.add(new Line(
                    "",
                    Narration.count(
                                    privilegedReads.size(),
                                    "read of a privileged item was recorded",
                                    "reads of privileged items were recorded")
                            + " (each a commitment)",
                    privilegedReads));
        }
        return new Section(
                "evidence",
                "Evidence: what exists and where",
                List.of("Every item is stored by its SHA-256 in the evidence vault; every read of its content, and"
                        + " every export bag that carried it, is a ledger entry and counts under Reads. Privileged (FORENSIC) items are shown only as recorded, with the commitment"
                        + " their ledger entry carries. An AUDIT item counsel pulled back to FORENSIC is listed as"
                        + " it was recorded, with its reads before the move and counsel's reason, cited by the move's"
                        + " entry; it is no longer auditor evidence."),
                lines,
                new Table(EVIDENCE_COLUMNS, rows));
    }

    /** Counsel's reason as the move's entry records it, or what stands in for none. */
    static String reason(ReportEntry moved) {
        String reason =
                moved.content() == null ? "" : text(moved.content(), "reason").strip();
        return reason.isEmpty() ? "none given" : "\"" + reason + "\"";
    }

    private static Section changes(List<ReportEntry> entries, Narration.Names names) {
        List<Row> rows = new ArrayList<>();
        for (ReportEntry e : entries) {
            if (NOT_CHANGES.contains(e.type())) {
                continue;
            }
            if (e.type().equals("timeline.entry")
                    && e.content() != null
                    && !text(e.content(), "kind").equals("CORRECTION")) {
                continue;
            }
            rows.add(new Row(List.of(time(e.at()), e.actor(), Narration.describe(e, names, true)), List.of(e.index())));
        }
        return new Section(
                "changes",
                "What was changed, and by whom",
                List.of("Membership and access, grants of privileged items, scope and obligation decisions, notices,"
                        + " corrections and the incident's lifecycle, in ledger order."),
                List.of(),
                new Table(List.of("When", "Who", "What"), rows));
    }

    /**
     * The auditor's evidence requests (ADR 088) at the checkpoint: what was asked, about which
     * controls, by when and by whom, where each stands, what the standing answer handed over (AUDIT
     * items only, each by name and the entry that added it) or why it was declined, and every step
     * since the filing. An OPEN request whose due date had passed at the checkpoint's time is marked
     * overdue ({@link RequestHistory}).
     */
    private static Section requests(Snapshot s) {
        RequestHistory.AsOf asOf = RequestHistory.asOf(s);
        List<RequestHistory.Request> requests = RequestHistory.of(s);
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        List<Long> overdue = new ArrayList<>();
        for (RequestHistory.Request r : requests) {
            byStatus.merge(r.status(), 1, Integer::sum);
            if (r.overdue()) {
                overdue.add(r.ledgerIndex());
            }
            RequestHistory.Step standing = r.standing();
            String answer;
            if (standing == null) {
                answer = r.history().isEmpty() ? "not answered yet" : "none since it was reopened";
            } else if (standing.step().equals("DECLINED")) {
                answer = "Declined by " + standing.by() + ": " + standing.text();
            } else {
                answer = "Answered by " + standing.by() + " with " + items(standing)
                        + (standing.text().isEmpty() ? "" : "; note: " + standing.text());
            }
            List<String> steps = new ArrayList<>();
            for (RequestHistory.Step step : r.history()) {
                steps.add(time(step.at()) + " " + step.step() + " by " + step.by()
                        + (step.step().equals("ANSWERED") ? " with " + items(step) : "")
                        + (step.text().isEmpty() ? "" : ": " + step.text()) + " [#" + step.ledgerIndex() + "]");
            }
            List<Long> cites = new ArrayList<>(r.cites());
            r.history().forEach(step -> step.evidence().forEach(i -> cites.add(i.ledgerIndex())));
            rows.add(new Row(
                    List.of(
                            time(r.requestedAt()) + " by " + r.requestedBy(),
                            r.text() + " (controls: "
                                    + (r.controls().isEmpty() ? "none named" : Narration.controls(r.controls()))
                                    + "; due: "
                                    + (r.due() == null ? "none" : r.due().toString()) + ")",
                            r.overdue() ? r.status() + ", OVERDUE at the checkpoint" : r.status(),
                            answer,
                            steps.isEmpty() ? "filed only" : String.join("; ", steps)),
                    new ArrayList<>(new TreeSet<>(cites))));
        }
        List<Line> lines = new ArrayList<>();
        if (!requests.isEmpty()) {
            List<String> counts = new ArrayList<>();
            byStatus.forEach((status, n) -> counts.add(n + " " + status));
            lines.add(new Line(
                    "",
                    requests.size() + " evidence requests: " + String.join(", ", counts)
                            + (overdue.isEmpty() ? "; none overdue" : "; " + overdue.size() + " overdue"),
                    requests.stream().map(RequestHistory.Request::ledgerIndex).toList()));
        }
        String when = asOf.at() == null
                ? "the checkpoint's time is not known, so no request is marked overdue"
                : "an OPEN request is overdue when its due date (a day in the incident's time zone, " + asOf.zone()
                        + ") ended before the checkpoint's time, "
                        + time(asOf.at().toString())
                        + " (its last entry's)";
        List<String> notes = new ArrayList<>();
        if (requests.isEmpty()) {
            notes.add("No evidence requests were filed.");
        }
        notes.add("What the auditors asked for and how each request stands at this checkpoint, from the"
                + " evidence-request entries of the ledger. Answers link AUDIT evidence, each named with the"
                + " entry that added it (its SHA-256 is in the evidence table), changes by their ids and public"
                + " ledger entries by their indexes;"
                + " " + when + ".");
        return new Section(
                "evidence-requests",
                "Evidence requests",
                notes,
                lines,
                new Table(List.of("Filed", "Request", "State", "Answer or refusal", "History"), rows));
    }

    private static String items(RequestHistory.Step step) {
        List<String> named = new ArrayList<>();
        for (RequestHistory.Item i : step.evidence()) {
            named.add(i.name() + " (added at #" + i.ledgerIndex() + ")");
        }
        if (step.unnamed() > 0) {
            named.add(step.unnamed() + (step.unnamed() == 1 ? " item" : " items")
                    + " not named (no AUDIT evidence of this incident by that id at the checkpoint)");
        }
        step.changes().forEach(c -> named.add("change " + c));
        step.entries().forEach(i -> named.add("entry #" + i));
        return named.isEmpty() ? "no items" : String.join(", ", named);
    }

    private static Section controls(List<ReportEntry> entries) {
        Map<String, List<Long>> byControl = new TreeMap<>();
        Map<String, Set<String>> patterns = new TreeMap<>();
        List<Long> sealed = new ArrayList<>();
        for (ReportEntry e : entries) {
            if (!e.type().equals("leak.finding")) {
                continue;
            }
            JsonNode c = e.content();
            if (c == null) {
                sealed.add(e.index());
                continue;
            }
            for (String control : texts(c, "controls")) {
                byControl.computeIfAbsent(control, k -> new ArrayList<>()).add(e.index());
                patterns.computeIfAbsent(control, k -> new TreeSet<>()).add(text(c, "pattern"));
            }
        }
        List<Row> rows = new ArrayList<>();
        byControl.forEach((control, cites) -> rows.add(new Row(
                List.of(control, String.valueOf(cites.size()), String.join(", ", patterns.get(control))), cites)));
        List<Line> lines = new ArrayList<>();
        if (!sealed.isEmpty()) {
            lines.add(new Line(
                    "",
                    Narration.count(
                                    sealed.size(),
                                    rows.isEmpty() ? "finding rests" : "further finding rests",
                                    rows.isEmpty() ? "findings rest" : "further findings rest")
                            + " on privileged evidence; they exist (cited) but their controls are not part of this"
                            + " report",
                    sealed));
        }
        return new Section(
                "controls",
                "Controls affected (SOC 2)",
                rows.isEmpty() && sealed.isEmpty() ? List.of("No findings recorded.") : List.of(),
                lines,
                new Table(List.of("Control", "Findings", "Patterns"), rows));
    }

    /**
     * DC4 asks a SOC 2 system description to disclose system incidents that resulted from controls
     * not suitably designed or not operating effectively, or that otherwise caused a significant
     * failure to meet the service commitments and system requirements, during the period (type 2)
     * or as of the description's date (type 1), with each incident's nature, timing, and extent (or
     * effect) and disposition. An incident after the period but before the report date is a
     * subsequent event, which management discloses and the service auditor considers.
     */
    private static Section disclosure(List<ReportEntry> entries) {
        List<Line> lines = new ArrayList<>();
        ReportEntry opened = entries.stream()
                .filter(e -> e.type().equals("incident.opened") && e.content() != null)
                .findFirst()
                .orElse(null);
        List<ReportEntry> findings =
                entries.stream().filter(e -> e.type().equals("leak.finding")).toList();
        List<ReportEntry> publicFindings =
                findings.stream().filter(e -> e.content() != null).toList();
        TreeSet<String> kinds = new TreeSet<>();
        long records = 0;
        for (ReportEntry f : publicFindings) {
            kinds.add(text(f.content(), "pattern"));
            records += f.content().path("records").asLong(0);
        }
        if (opened != null) {
            lines.add(new Line(
                    "",
                    "Nature: " + text(opened.content(), "title") + " (severity " + text(opened.content(), "severity")
                            + ")" + (kinds.isEmpty() ? "" : "; leak patterns found: " + String.join(", ", kinds)),
                    cites(List.of(opened), publicFindings)));
        }
        // each moment at the time it tells of, in the order they happened (as "What happened")
        List<ReportEntry> timing = new ArrayList<>();
        List<Summary.Dated> moments = new ArrayList<>();
        ReportEntry occurred = Narration.latest(entries, "incident.occurred-at-set")
                .filter(e -> e.content() != null)
                .orElse(null);
        if (occurred != null) {
            moments.add(moment("occurred", Summary.happened(occurred), occurred));
            timing.add(occurred);
        }
        ReportEntry aware = Summary.awareness(entries).orElse(null);
        if (aware != null) {
            moments.add(moment("aware", text(aware.content(), "awareAt"), aware));
            timing.add(aware);
        }
        if (opened != null) {
            moments.add(moment("opened in Tandem", opened.at(), opened));
            timing.add(opened);
        }
        for (ReportEntry e : entries) {
            if (e.type().equals("incident.contained") && e.content() != null) {
                moments.add(moment("contained", Summary.happened(e), e));
                timing.add(e);
            }
            if (e.type().equals("incident.closed") && e.content() != null) {
                moments.add(moment("closed", e.at(), e));
                timing.add(e);
            }
        }
        lines.add(new Line(
                "",
                "Timing: "
                        + String.join(
                                "; ",
                                Summary.chronological(moments).stream()
                                        .map(Line::text)
                                        .toList()),
                cites(timing, List.of())));
        List<ReportEntry> notices =
                entries.stream().filter(e -> e.type().equals("notice.sent")).toList();
        lines.add(new Line(
                "",
                "Extent: " + findings.size() + " findings (" + (findings.size() - publicFindings.size())
                        + " privileged)"
                        + (records > 0
                                ? ", " + String.format("%,d", records) + " records named by the public findings"
                                : "")
                        + "; " + notices.size() + " regulatory notices sent",
                cites(findings, notices)));
        List<ReportEntry> state = new ArrayList<>();
        String disposition = "open, not yet contained";
        for (ReportEntry e : entries) {
            if (e.content() == null) {
                continue;
            }
            switch (e.type()) {
                case "incident.phase-changed" -> {
                    disposition = "phase " + text(e.content(), "phase");
                    state.add(e);
                }
                case "incident.contained" -> {
                    disposition = disposition + ", contained";
                    state.add(e);
                }
                case "incident.closed" -> {
                    disposition = "closed";
                    state.add(e);
                }
                default -> {}
            }
        }
        lines.add(new Line("", "Disposition: " + disposition, cites(state, List.of())));
        var period = ChangeControl.period(entries);
        ReportEntry start = occurred != null ? occurred : aware != null ? aware : opened;
        if (period.isPresent() && start != null) {
            String what = occurred != null ? "occurred" : aware != null ? "became known" : "was opened in Tandem";
            String at = occurred != null
                    ? Summary.happened(occurred)
                    : aware != null ? text(aware.content(), "awareAt") : start.at();
            List<Long> cited = cites(List.of(start), List.of());
            cited.add(period.get().index());
            lines.add(new Line("", periodLine(period.get().period(), what, at), new ArrayList<>(new TreeSet<>(cited))));
        }
        return new Section(
                "disclosure",
                "Disclosure for the SOC 2 report (DC4, subsequent events)",
                List.of("Description criterion DC4 asks the system description to disclose system incidents that"
                        + " resulted from controls not suitably designed or not operating effectively, or"
                        + " that otherwise caused a significant failure to meet the service commitments and"
                        + " system requirements, with each incident's nature, timing, extent (or effect) and"
                        + " disposition. An incident after the examination period but before the report date"
                        + " is a subsequent event for management to disclose and the service auditor to"
                        + " consider."
                        + (ChangeControl.period(entries).isPresent()
                                ? " Where this incident falls against the observation period recorded in the ledger"
                                        + " is stated below, from the day it occurred (or, not known, became known)."
                                : " No observation period is recorded (the audit liaison sets it with the"
                                        + " register), so whether this incident falls in the period is management's"
                                        + " determination; the facts below are the ledger's.")),
                lines,
                null);
    }

    /**
     * Where the incident falls against the observation period, by the day (UTC, as the register's
     * days and the changes' are read) of {@code at}: in it (DC4 disclosure), after it (a subsequent
     * event), or before it.
     */
    static String periodLine(dev.tandem.controls.ObservationPeriod p, String what, String at) {
        java.time.LocalDate day;
        try {
            day = java.time.OffsetDateTime.parse(at)
                    .atZoneSameInstant(java.time.ZoneOffset.UTC)
                    .toLocalDate();
        } catch (java.time.format.DateTimeParseException e) {
            day = java.time.LocalDate.parse(at.length() >= 10 ? at.substring(0, 10) : at);
        }
        String place = p.place(day);
        return "Observation period: " + p.words() + "; the incident " + what + " on " + day + ", "
                + switch (place) {
                    case "in" -> "within the period: a system incident of the period, for the description to disclose";
                    case "after" ->
                        "after the period: a subsequent event if before the report date, for management to disclose"
                                + " and the service auditor to consider";
                    default -> "before the period: outside the examination, unless its effects continued into it";
                };
    }

    /**
     * "contained 2026-12-06 00:30:14 UTC", dated for ordering; a claimed time at its stated precision
     * ("occurred 2026-12-05 15:00 UTC, to the hour"): DC4 discloses timing no more precisely than it is known.
     */
    private static Summary.Dated moment(String what, String at, ReportEntry e) {
        Summary.Dated d = Summary.datedAsClaimed(e, at, "");
        return new Summary.Dated(
                d.at(), new Line(d.line().when(), what + " " + d.line().when(), List.of()));
    }

    private static List<Long> cites(List<ReportEntry> a, List<ReportEntry> b) {
        TreeSet<Long> all = new TreeSet<>();
        a.forEach(e -> all.add(e.index()));
        b.forEach(e -> all.add(e.index()));
        return new ArrayList<>(all);
    }
}
