package dev.tandem.server.report;

import static dev.tandem.server.report.Narration.text;
import static dev.tandem.server.report.Narration.texts;
import static dev.tandem.server.report.Narration.time;

import dev.tandem.regulation.DataCategory;
import dev.tandem.server.leak.Analyses;
import dev.tandem.server.leak.CurrentAnalysis;
import dev.tandem.server.leak.FindingViews;
import dev.tandem.server.regulation.ScopeCheck;
import dev.tandem.server.regulation.ScopeChecks;
import dev.tandem.server.report.Report.Line;
import dev.tandem.server.report.Report.Row;
import dev.tandem.server.report.Report.Section;
import dev.tandem.server.report.Report.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The incident report, for the response team and counsel (issue 11): what happened, scope,
 * containment, findings with their evidence, obligations with status and deadlines, notices sent.
 * Built from the snapshot alone; what it may say of privileged entries is decided before, by which
 * openings the snapshot carries ({@link Reader}).
 */
public final class IncidentReport {
    /** Entries too frequent to be highlights: they stay in the ledger and in the audit report. */
    private static final Set<String> NOT_HIGHLIGHTS = Set.of(
            "evidence.read",
            "pii.findings.read",
            "job.queued",
            "obligation.reminded",
            "evidence-request.reminded",
            "notice.edited",
            // the analysis timeline has its own section, with the reader's rule
            "leak.timeline-entry");

    /** The analysis timeline's headings. */
    static final List<String> ANALYSIS_TIMELINE_COLUMNS =
            List.of("Time", "Kind", "Subject", "Source IP", "What happened", "Read from");

    private IncidentReport() {}

    /** The report as the incident commander and LEGAL read it: every entry the snapshot opens. */
    public static Report of(Snapshot s, String audience) {
        return of(s, audience, Reader.ALL);
    }

    /**
     * The report for {@code reader}, whose snapshot {@code s} is: the analysis timeline shows an entry
     * only when the reader may read every item it was read from now (ADR 115).
     */
    public static Report of(Snapshot s, String audience, Reader reader) {
        java.time.ZoneId zone = RequestHistory.asOf(s).zone();
        return Narration.in(zone, () -> build(s, audience, zone, reader));
    }

    private static Report build(Snapshot s, String audience, java.time.ZoneId zone, Reader reader) {
        List<ReportEntry> entries = s.entries();
        Narration.Names names = Narration.Names.of(entries);
        List<Section> sections = new ArrayList<>();
        sections.add(new Section(
                "what-happened", "What happened", List.of(Summary.ORDER), Summary.lines(entries, names, false), null));
        sections.add(new Section("timeline", "Timeline highlights", List.of(), highlights(entries, names), null));
        sections.add(scope(entries, names));
        List<ReportEntry> findings = visible(entries, "leak.finding");
        sections.add(containment(entries, findings));
        sections.add(findings(entries, findings, names));
        sections.add(analysisTimeline(entries, reader));
        sections.add(Obligations.section(entries, false));
        sections.add(notices(entries, names));
        ReportEntry opened = entries.isEmpty() ? null : entries.getFirst();
        String title = opened != null && opened.content() != null ? text(opened.content(), "title") : "";
        return new Report("incident", "Incident report", audience, s.incident(), title, s.checkpoint(), sections, zone);
    }

    private static List<ReportEntry> visible(List<ReportEntry> entries, String type) {
        return entries.stream()
                .filter(e -> e.type().equals(type) && e.content() != null)
                .toList();
    }

    private static List<Line> highlights(List<ReportEntry> entries, Narration.Names names) {
        Map<Long, List<Long>> correctedBy = Narration.correctedBy(entries);
        List<Line> lines = new ArrayList<>();
        for (ReportEntry e : entries) {
            if (NOT_HIGHLIGHTS.contains(e.type())) {
                continue;
            }
            String text = Narration.describe(e, names, false) + Narration.corrected(e, correctedBy);
            lines.add(new Line(time(e.at()), text, List.of(e.index())));
        }
        return lines;
    }

    private static Section scope(List<ReportEntry> entries, Narration.Names names) {
        ReportEntry latest = Narration.latest(entries, "scope.updated").orElse(null);
        if (latest == null) {
            return new Section("scope", "Scope", List.of("No scope has been set."), List.of(), null);
        }
        JsonNode c = latest.content();
        if (c == null) {
            return new Section(
                    "scope",
                    "Scope",
                    List.of(),
                    List.of(new Line(
                            time(latest.at()),
                            "The scope in force was set in a privileged entry you may not open; commitment "
                                    + latest.commitment(),
                            List.of(latest.index()))),
                    null);
        }
        List<Row> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, JsonNode> j : c.path("subjects").properties()) {
            rows.add(new Row(
                    List.of(j.getKey(), String.format("%,d", j.getValue().asLong())), List.of(latest.index())));
            total += j.getValue().asLong();
        }
        List<Line> lines = new ArrayList<>(List.of(
                new Line(time(latest.at()), "People affected: " + String.format("%,d", total), List.of(latest.index())),
                new Line(
                        "",
                        "Data: " + String.join(", ", texts(c, "data"))
                                + (c.path("encrypted").asBoolean() ? " (encrypted)" : " (not encrypted)"),
                        List.of(latest.index()))));
        lines.addAll(scopeChecks(entries, latest, names));
        return new Section(
                "scope",
                "Scope: people and data by jurisdiction",
                List.of("Set by " + latest.actor() + " at " + time(latest.at()) + "."),
                lines,
                new Table(List.of("Jurisdiction", "People"), rows));
    }

    /**
     * The incident's current analysis as of the snapshot ({@link CurrentAnalysis}, ADR 148): the
     * {@code analysis.completed} entries in ledger order, each with the evidence items its public
     * {@code job.queued} entry names; the analysis whose findings the scope checks read, as the
     * obligations answer and the Art. 33 drafts read them.
     */
    static Optional<String> currentAnalysis(List<ReportEntry> entries) {
        Map<String, Set<String>> inputs = new LinkedHashMap<>();
        List<CurrentAnalysis.Run> runs = new ArrayList<>();
        for (ReportEntry e : entries) {
            JsonNode c = e.content();
            if (c == null) {
                continue;
            }
            if (e.type().equals("job.queued") && text(c, "kind").equals(Analyses.KIND)) {
                Set<String> items = new LinkedHashSet<>();
                c.path("input").path("evidence").forEach(i -> items.add(i.asString()));
                inputs.put(text(c, "job"), items);
            } else if (e.type().equals("analysis.completed")) {
                String analysis = text(c, "analysis");
                runs.add(new CurrentAnalysis.Run(analysis, true, inputs.getOrDefault(analysis, Set.of())));
            }
        }
        return CurrentAnalysis.of(runs).current();
    }

    /**
     * The scope in force checked against the findings of the current analysis ({@link
     * #currentAnalysis}) and the PII scans the report's reader may open ({@link ScopeCheck}): each
     * disagreement is a line citing the scope's entry and the findings'.
     */
    static List<Line> scopeChecks(List<ReportEntry> entries, ReportEntry scope, Narration.Names names) {
        JsonNode c = scope.content();
        Map<String, Long> people = new LinkedHashMap<>();
        c.path("subjects")
                .properties()
                .forEach(j -> people.put(j.getKey(), j.getValue().asLong()));
        Set<DataCategory> data = EnumSet.noneOf(DataCategory.class);
        for (String d : texts(c, "data")) {
            try {
                data.add(DataCategory.parse(d));
            } catch (RuntimeException e) {
                // a category this version does not know: not checked
            }
        }
        Boolean unauthorized = false;
        Instant occurred = null;
        Map<String, Long> findingEntries = new LinkedHashMap<>();
        List<ScopeCheck.Finding> findings = new ArrayList<>();
        Map<String, ScopeCheck.Scan> scans = new LinkedHashMap<>();
        Optional<String> current = currentAnalysis(entries);
        for (ReportEntry e : entries) {
            JsonNode b = e.content();
            switch (e.type()) {
                case "incident.facts-set" ->
                    unauthorized =
                            b == null ? null : b.path("unauthorizedAccess").asBoolean();
                case "incident.occurred-at-set" -> {
                    if (b != null && !text(b, "occurredAt").isEmpty()) occurred = Instant.parse(text(b, "occurredAt"));
                }
                case "leak.finding" -> {
                    if (b != null && current.map(text(b, "analysis")::equals).orElse(true)) {
                        String id = text(b, "finding");
                        findingEntries.put(id, e.index());
                        findings.add(ScopeCheck.Finding.of(
                                id,
                                text(b, "pattern"),
                                text(b, "title"),
                                b.path("records").isIntegralNumber()
                                        ? b.path("records").asLong()
                                        : null));
                    }
                }
                case "pii.scanned" -> {
                    if (b != null) {
                        String item = text(b, "evidence");
                        scans.put(item, ScopeChecks.scan(names.of(item), b));
                    }
                }
                default -> {}
            }
        }
        List<Line> lines = new ArrayList<>();
        var warnings = ScopeCheck.check(
                new ScopeCheck.Subject(people, data, unauthorized, occurred), findings, List.copyOf(scans.values()));
        for (ScopeCheck.Warning w : warnings) {
            List<Long> cites = new ArrayList<>(List.of(scope.index()));
            w.findings().stream()
                    .map(findingEntries::get)
                    .filter(java.util.Objects::nonNull)
                    .forEach(cites::add);
            lines.add(new Line("", "Scope check: " + w.message(), cites));
        }
        return lines;
    }

    private static Section containment(List<ReportEntry> entries, List<ReportEntry> findings) {
        List<Line> declared = new ArrayList<>();
        for (ReportEntry e : entries) {
            if (e.type().equals("incident.contained")) {
                declared.add(new Line(
                        time(e.at()), Narration.describe(e, Narration.Names.of(entries), false), List.of(e.index())));
            }
        }
        if (!declared.isEmpty()) {
            return new Section("containment", "Containment", List.of(), declared, null);
        }
        List<Row> rows = new ArrayList<>();
        for (ReportEntry f : findings) {
            JsonNode c = f.content();
            for (JsonNode a : c.path("containment")) {
                rows.add(new Row(
                        List.of(
                                text(a, "action"),
                                text(a.path("target"), "kind") + " " + text(a.path("target"), "id"),
                                text(a, "configItem"),
                                text(a, "description")),
                        List.of(f.index())));
            }
        }
        return new Section(
                "containment",
                "Containment",
                List.of("No containment has been declared yet; these are the actions the analysis findings propose."),
                List.of(),
                new Table(List.of("Action", "Target", "Configuration item", "Description"), rows));
    }

    /** A change requested from a finding, as its entries in the snapshot tell it. */
    static final class FromFinding {
        final String id;
        final String title;
        final List<Long> cites = new ArrayList<>();
        String state = "requested";
        boolean closed;

        FromFinding(String id, String title, long index) {
            this.id = id;
            this.title = title;
            cites.add(index);
        }
    }

    /**
     * By finding id, the changes requested from it: rejected, withdrawn or executed as their entries
     * say, and whether the analyzers' verification closed the finding. A sealed entry (its content
     * withheld from the audience) tells nothing: a closure resting on FORENSIC evidence is not shown
     * to whom may not read it.
     */
    static Map<String, List<FromFinding>> changesOfFindings(List<ReportEntry> entries) {
        Map<String, FromFinding> byChange = new LinkedHashMap<>();
        Map<String, List<FromFinding>> byFinding = new LinkedHashMap<>();
        for (ReportEntry e : entries) {
            JsonNode c = e.content();
            if (c == null || !e.type().startsWith("change.")) {
                continue;
            }
            String change = text(c, "change");
            if (e.type().equals("change.requested")) {
                String finding = text(c, "finding");
                if (!finding.isEmpty()) {
                    FromFinding f = new FromFinding(change, text(c, "title"), e.index());
                    byChange.put(change, f);
                    byFinding.computeIfAbsent(finding, k -> new ArrayList<>()).add(f);
                }
                continue;
            }
            FromFinding f = byChange.get(change);
            if (f == null) {
                continue;
            }
            switch (e.type()) {
                case "change.decided" -> {
                    if (text(c, "decision").equals("REJECT")) {
                        f.state = "rejected";
                        f.cites.add(e.index());
                    }
                }
                case "change.executed" -> {
                    f.state = "executed";
                    f.cites.add(e.index());
                }
                case "change.withdrawn" -> {
                    f.state = "withdrawn";
                    f.cites.add(e.index());
                }
                case "change.verified" -> {
                    if (c.path("closed").asBoolean()) {
                        f.closed = true;
                        f.cites.add(e.index());
                    }
                }
                default -> {}
            }
        }
        return byFinding;
    }

    private static Section findings(List<ReportEntry> entries, List<ReportEntry> findings, Narration.Names names) {
        List<Row> rows = new ArrayList<>();
        Map<String, List<FromFinding>> changes = changesOfFindings(entries);
        for (ReportEntry f : findings) {
            JsonNode c = f.content();
            List<Long> cites = new ArrayList<>(List.of(f.index()));
            List<String> changed = new ArrayList<>();
            for (FromFinding ch : changes.getOrDefault(text(c, "finding"), List.of())) {
                changed.add(
                        (ch.closed ? "closed by change " : "change ") + ch.id + " " + ch.title + " (" + ch.state + ")");
                cites.addAll(ch.cites);
            }
            List<String> evidence = new ArrayList<>();
            for (JsonNode item : c.path("evidence")) {
                evidence.add(names.of(text(item, "id")) + " (SHA-256 " + abbreviate(text(item, "sha256")) + ")");
            }
            rows.add(new Row(
                    List.of(
                            text(c, "severity"),
                            text(c, "pattern"),
                            text(c, "title"),
                            text(c.path("subject"), "kind") + " " + text(c.path("subject"), "id"),
                            c.path("records").isNull() ? "" : text(c, "records"),
                            String.join(", ", texts(c, "controls")),
                            String.join("; ", evidence),
                            changed.isEmpty() ? "none requested" : String.join("; ", changed)),
                    cites));
        }
        List<Line> lines = new ArrayList<>();
        List<Long> sealed = entries.stream()
                .filter(e -> e.type().equals("leak.finding") && e.content() == null)
                .map(ReportEntry::index)
                .toList();
        if (!sealed.isEmpty()) {
            lines.add(new Line(
                    "",
                    Narration.count(sealed.size(), "further finding rests", "further findings rest")
                            + " on privileged evidence you may not open",
                    sealed));
        }
        return new Section(
                "findings",
                "Findings and their evidence",
                findings.isEmpty() && sealed.isEmpty() ? List.of("No findings recorded.") : List.of(),
                lines,
                new Table(
                        List.of(
                                "Severity",
                                "Pattern",
                                "Finding",
                                "Subject",
                                "Records",
                                "Controls",
                                "Evidence",
                                "Changes"),
                        rows));
    }

    /**
     * The analyses' timelines (ADR 115): each {@code leak.timeline-entry} the reader may open and whose
     * items they may all read now (an item pulled back to FORENSIC withholds its entries from a reader
     * it is not granted to), and that tells of no finding of its analysis but one the report shows the
     * reader ({@link FindingViews#tellsOf}: a {@code leak.finding} they open), in the incident's zone;
     * the others only counted, citing their entries.
     */
    static Section analysisTimeline(List<ReportEntry> entries, Reader reader) {
        // the findings the reader opens, each as "analysis subject pattern" an entry may tell of
        List<JsonNode> opened = entries.stream()
                .filter(e -> e.type().equals("leak.finding") && e.content() != null)
                .filter(e -> reader.readsAll(Reader.evidenceNamedBy(e.content())))
                .map(ReportEntry::content)
                .toList();
        List<Row> rows = new ArrayList<>();
        List<Long> withheld = new ArrayList<>();
        for (ReportEntry e : entries) {
            if (!e.type().equals("leak.timeline-entry")) {
                continue;
            }
            JsonNode c = e.content();
            if (c == null || !reader.readsAll(Reader.evidenceNamedBy(c)) || tellsOfAnother(c, opened)) {
                withheld.add(e.index());
                continue;
            }
            rows.add(new Row(
                    List.of(
                            time(text(c, "at")),
                            text(c, "kind"),
                            text(c, "subject"),
                            text(c, "ip"),
                            text(c, "text"),
                            text(c, "file") + ":" + text(c, "line")),
                    List.of(e.index())));
        }
        List<Line> lines = new ArrayList<>();
        if (!withheld.isEmpty()) {
            lines.add(new Line(
                    "",
                    Narration.count(withheld.size(), "further timeline entry was", "further timeline entries were")
                            + " read from evidence you may not read",
                    withheld));
        }
        return new Section(
                "analysis-timeline",
                "Analysis timeline: setup changes, logins and extractions in the order they happened",
                rows.isEmpty() && withheld.isEmpty() ? List.of("No analysis timeline recorded.") : List.of(),
                lines,
                new Table(ANALYSIS_TIMELINE_COLUMNS, rows));
    }

    /**
     * Whether a timeline entry names the pattern of a finding about its subject (an extraction's
     * "…; ADMIN_SESSION_BULK_EXTRACTION)") that is none of the {@code opened} findings of its analysis:
     * the finding is then one the reader sees as a commitment, and the entry would tell its pattern.
     */
    private static boolean tellsOfAnother(JsonNode entry, List<JsonNode> opened) {
        String text = text(entry, "text");
        String subject = text(entry, "subject");
        if (!text.endsWith(")") || !text.contains("; ")) {
            return false;
        }
        String pattern = text.substring(text.lastIndexOf("; ") + 2, text.length() - 1);
        if (!pattern.matches("[A-Z][A-Z0-9_]+")) {
            return false;
        }
        return opened.stream()
                .noneMatch(f -> text(f, "analysis").equals(text(entry, "analysis"))
                        && FindingViews.tellsOf(subject, text, text(f.path("subject"), "id"), text(f, "pattern")));
    }

    private static Section notices(List<ReportEntry> entries, Narration.Names names) {
        List<Row> rows = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        for (ReportEntry e : entries) {
            if (!e.type().equals("notice.sent")) {
                continue;
            }
            JsonNode c = e.content();
            if (c == null) {
                lines.add(new Line(time(e.at()), Narration.sealed(e), List.of(e.index())));
                continue;
            }
            rows.add(new Row(
                    List.of(
                            time(e.at()),
                            text(c, "notice"),
                            text(c, "jurisdiction"),
                            names.of(text(c, "evidence")),
                            text(c, "sha256"),
                            e.actor()),
                    List.of(e.index())));
        }
        return new Section(
                "notices",
                "Notices sent",
                rows.isEmpty() && lines.isEmpty() ? List.of("No notice has been sent.") : List.of(),
                lines,
                new Table(List.of("Sent", "Notice", "Jurisdiction", "Text kept as", "SHA-256", "Sent by"), rows));
    }

    static String abbreviate(String hex) {
        return hex.length() > 16 ? hex.substring(0, 16) + "..." : hex;
    }
}
