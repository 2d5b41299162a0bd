package dev.tandem.server.leak;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.ledger.Ledger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Findings as a caller may see them, for the API ({@code GET …/findings}) and the findings page alike. */
@Component
public class FindingViews {
    private final Ledger ledger;

    FindingViews(Ledger ledger) {
        this.ledger = ledger;
    }

    /**
     * What a findings answer shows: the analysis asked for, or else the incident's current one
     * ({@link CurrentAnalysis}, ADR 148); and the incident's {@link Findings.Selection}, which says
     * which analysis is current and which completed after it without replacing it.
     */
    record Shown(Optional<CompletedAnalysis> analysis, Findings.Selection selection) {
        /** Whether the analysis shown is the current one (true for an incident never analyzed). */
        boolean current() {
            return analysis.map(CompletedAnalysis::jobId)
                    .equals(selection.current().map(CompletedAnalysis::jobId));
        }
    }

    /**
     * The incident's current analysis, or the one asked for (404 when it is not a completed analysis
     * of this incident).
     */
    static Shown chosen(Findings findings, String incident, @Nullable String analysis) {
        Findings.Selection selection = findings.selection(incident);
        if (analysis == null || analysis.isBlank()) {
            return new Shown(selection.current(), selection);
        }
        return new Shown(
                Optional.of(findings.completed(analysis)
                        .filter(a -> a.incidentId().equals(incident))
                        .orElseThrow(() ->
                                DomainException.notFound("completed analysis", analysis + " of incident " + incident))),
                selection);
    }

    /**
     * Which analysis is current, put into {@code m} (docs/analysis-api.md, "Re-runs"): {@code
     * currentAnalysis}, its job id (null while none has completed), and {@code newerAnalyses}, the
     * analyses completed after it whose items do not cover its items, newest first, {@code
     * [{analysis, completedAt, inputs}]}, {@code inputs} saying how the items each read stand to the
     * current one's ({@code NARROWER}, {@code OVERLAPPING} or {@code DISJOINT}).
     */
    static void putSelection(Map<String, Object> m, Findings.Selection selection) {
        m.put(
                "currentAnalysis",
                selection.current().map(CompletedAnalysis::jobId).orElse(null));
        List<Map<String, Object>> newer = new ArrayList<>();
        for (Findings.Other n : selection.newer()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("analysis", n.analysis().jobId());
            o.put("completedAt", n.analysis().completedAt().toString());
            o.put("inputs", n.inputs().name());
            newer.add(o);
        }
        m.put("newerAnalyses", newer);
    }

    /**
     * May the caller read {@code f} in full? Only when it may read every item the finding rests on
     * (a privileged finding resting on no known item: the incident commander and LEGAL).
     */
    public static boolean readable(StoredFinding f, Access access) {
        return f.privileged() && f.items().isEmpty() ? access.caller().privileged() : readsAll(f.items(), access);
    }

    /**
     * Whether a timeline entry about {@code subject} saying {@code text} tells of the finding about
     * {@code findingSubject} of {@code pattern}: an extraction names the pattern of the finding that
     * reports its session ("first read of session … (… customer rows from …; ADMIN_SESSION_BULK_EXTRACTION)").
     * Its line may be in an item the reader reads while the finding also rests on one they may not
     * (the administrator's extraction in the granted event logs, its new IP in the Login History): the
     * entry would then tell them that finding's pattern and the session it reports, which they read
     * as a commitment (docs/analysis-api.md, "The timeline").
     */
    public static boolean tellsOf(String subject, String text, String findingSubject, String pattern) {
        return subject.equalsIgnoreCase(findingSubject) && text.contains("; " + pattern + ")");
    }

    /** May the caller read every one of {@code items}? */
    private static boolean readsAll(List<StoredFinding.Item> items, Access access) {
        return items.stream().allMatch(i -> access.mayRead(i.id(), Repository.valueOf(i.repository())));
    }

    /**
     * An analysis's timeline as the caller may see it, put into {@code m}: {@code timeline}, the
     * entries read from items the caller may all read (an entry resting on no known item: the
     * incident commander and LEGAL), oldest first, {@code [{at, kind, subject, ip, text, file, line,
     * evidenceIds}]}; and {@code timelineWithheld}, how many entries it may not see. An entry drawn
     * from a FORENSIC item the caller may not read shows nothing of itself, as such a finding shows
     * nothing but that it exists (docs/analysis-api.md, "The timeline"); nor does one that tells of
     * one of the analysis's {@code findings} the caller may not read ({@link #tellsOf}).
     */
    static void putTimeline(
            Map<String, Object> m, List<StoredTimelineEntry> entries, List<StoredFinding> findings, Access access) {
        List<StoredFinding> unread =
                findings.stream().filter(f -> !readable(f, access)).toList();
        List<Map<String, Object>> shown = new ArrayList<>();
        for (StoredTimelineEntry e : entries) {
            if (e.items().isEmpty() ? !access.caller().privileged() : !readsAll(e.items(), access)) {
                continue;
            }
            if (unread.stream().anyMatch(f -> tellsOf(e.subject(), e.text(), f.subjectId(), f.pattern()))) {
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("at", e.at().toString());
            o.put("kind", e.kind());
            o.put("subject", e.subject());
            o.put("ip", e.ip());
            o.put("text", e.text());
            o.put("file", e.file());
            o.put("line", e.line());
            o.put("evidenceIds", e.items().stream().map(StoredFinding.Item::id).toList());
            shown.add(o);
        }
        m.put("timeline", shown);
        m.put("timelineWithheld", entries.size() - shown.size());
    }

    /**
     * A finding as the caller may see it: in full, or, when it rests on a FORENSIC item the caller
     * may not read, only what its ledger entry shows everyone: that it exists, and its commitment
     * (or, resting on an item pulled back from AUDIT, whose finding's entry has none, {@code
     * "pulledBack":true}).
     */
    Map<String, Object> view(StoredFinding f, Access access) {
        if (readable(f, access)) {
            return view(f);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("analysis", f.analysisId());
        m.put("privileged", true);
        m.put("ledgerIndex", f.ledgerIndex());
        if (f.privileged()) {
            m.put("commitment", ledger.commitmentAt(f.ledgerIndex()));
        } else {
            // it rests on an item counsel pulled back to FORENSIC after the analysis: its entry is in the
            // clear, with no commitment (docs/contracts.md, "Pulling an item back")
            m.put("pulledBack", true);
        }
        return m;
    }

    /**
     * A finding in the shape of {@code tandem analyze --format json} (docs/contracts.md §4: pattern,
     * severity, title, subject, evidence lines, records, controls), with what the server adds.
     */
    static Map<String, Object> view(StoredFinding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("analysis", f.analysisId());
        m.put("pattern", f.pattern());
        m.put("severity", f.severity());
        m.put("title", f.title());
        m.put("subject", Map.of("kind", f.subjectKind(), "id", f.subjectId()));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (JsonNode l : f.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("file", l.path("file").asString());
            line.put("line", l.path("line").asLong());
            lines.add(line);
        }
        m.put("evidence", lines);
        m.put("records", f.records());
        m.put("controls", f.controls());
        m.put("iso27001", f.iso27001());
        m.put("rationale", f.rationale());
        m.put("evidenceIds", f.items().stream().map(StoredFinding.Item::id).toList());
        m.put(
                "evidenceItems",
                f.items().stream()
                        .map(i -> {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("id", i.id());
                            o.put("name", i.name());
                            o.put("repository", i.repository());
                            o.put("sha256", i.sha256());
                            return o;
                        })
                        .toList());
        m.put("containment", f.containment());
        m.put("privileged", f.privileged());
        m.put("ledgerIndex", f.ledgerIndex());
        return m;
    }
}
