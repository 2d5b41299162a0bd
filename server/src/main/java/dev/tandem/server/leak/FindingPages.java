package dev.tandem.server.leak;

import dev.tandem.server.access.Access;
import dev.tandem.server.access.AccessPolicy;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Decision;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.IncidentHeader;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.JobController;
import dev.tandem.server.job.Jobs;
import dev.tandem.server.pii.PiiScans;
import dev.tandem.server.regulation.ScopeViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * The findings page (docs/web.md): the leak findings of the incident's current analysis (ADR 148;
 * or of the one asked for, saying which is current and which newer ones did not replace it) with
 * the evidence they rest on and the containment they propose, drawn through {@link FindingViews} as
 * {@code GET …/findings} answers them; who is affected, by jurisdiction, as the scope ({@link
 * ScopeViews}) and the PII scans the caller may read say it. And the button that starts a leak
 * analysis.
 */
@dev.tandem.server.web.WebPages
class FindingPages {
    private final Findings findings;
    private final FindingViews views;
    private final Analyses analyses;
    private final IncidentHeader header;
    private final ScopeViews scopes;
    private final Vault vault;
    private final PiiScans scans;
    private final FindingChanges changes;
    private final Jobs jobs;

    FindingPages(
            Findings findings,
            FindingViews views,
            Analyses analyses,
            IncidentHeader header,
            ScopeViews scopes,
            Vault vault,
            PiiScans scans,
            FindingChanges changes,
            Jobs jobs) {
        this.findings = findings;
        this.views = views;
        this.analyses = analyses;
        this.header = header;
        this.scopes = scopes;
        this.vault = vault;
        this.scans = scans;
        this.changes = changes;
        this.jobs = jobs;
    }

    /**
     * The problems of the analysis shown, as {@code GET /api/v1/analyses/{job}} answers them ({@link
     * JobController#view(Job, Access, Vault)}): to a caller who may read every item it read, its
     * result's problems and their count; to any other, nothing but that they are withheld (a problem
     * can quote a privileged file's name, user and rows).
     */
    record Problems(List<JsonNode> shown, int count, boolean withheld) {
        static final Problems NONE = new Problems(List.of(), 0, false);
    }

    Problems problems(Access access, Optional<CompletedAnalysis> chosen) {
        Optional<Job> job = chosen.flatMap(a -> jobs.find(a.jobId()));
        if (job.isEmpty()) return Problems.NONE;
        Map<String, Object> view = JobController.view(job.get(), access, vault);
        if (Boolean.TRUE.equals(view.get("withheld"))) return new Problems(List.of(), 0, true);
        if (!(view.get("result") instanceof JsonNode result)) return Problems.NONE;
        List<JsonNode> shown = new ArrayList<>();
        result.path("problems").forEach(shown::add);
        return new Problems(
                shown, Math.max(shown.size(), result.path("problemCount").asInt(0)), false);
    }

    /** An item's latest PII scan: the people found per jurisdiction. */
    record Scanned(
            EvidenceItem item,
            long people,
            long unplaced,
            List<Map.Entry<String, Long>> subjects,
            Instant finishedAt) {}

    @GetMapping("/incidents/{id}/findings")
    @Guard(Action.FINDINGS_READ)
    String findings(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String analysis,
            Model model) {
        header.fill(access, id, model, "findings");
        FindingViews.Shown picked = FindingViews.chosen(findings, id, analysis);
        Optional<CompletedAnalysis> chosen = picked.analysis();
        model.addAttribute("analysis", chosen.orElse(null));
        // a narrow re-run does not replace the current analysis; the page says which is shown, which
        // is current and which newer ones read other or fewer items, each a click away
        model.addAttribute("shownIsCurrent", picked.current());
        model.addAttribute("current", picked.selection().current().orElse(null));
        model.addAttribute("newer", picked.selection().newer());
        model.addAttribute(
                "shownOther",
                chosen.flatMap(a -> picked.selection().of(a.jobId())).orElse(null));
        model.addAttribute("analyses", findings.completedOf(id, 50));
        model.addAttribute(
                "findings",
                chosen.map(a -> findings.of(a.jobId()).stream()
                                .map(f -> views.view(f, access))
                                .toList())
                        .orElse(List.of()));
        // the timeline, through the same reading as the API's: entries from items the caller may not read are counted
        Map<String, Object> timeline = new java.util.LinkedHashMap<>();
        FindingViews.putTimeline(
                timeline,
                chosen.map(a -> findings.timelineOf(a.jobId())).orElse(List.of()),
                chosen.map(a -> findings.of(a.jobId())).orElse(List.of()),
                access);
        model.addAllAttributes(timeline);
        model.addAttribute("problems", problems(access, chosen));
        // the changes requested from each finding and whether one closed it; the page shows them
        // only beside a finding the caller reads in full, as it shows the finding's words
        model.addAttribute(
                "findingChanges",
                AccessPolicy.decide(access.caller(), Action.CHANGES_READ, Resource.incident(id))
                                instanceof Decision.Permit
                        ? changes.of(id, access)
                        : Map.of());
        boolean scopeReadable = AccessPolicy.decide(access.caller(), Action.SCOPE_READ, Resource.incident(id))
                instanceof Decision.Permit;
        ScopeViews.Answer scope = scopeReadable ? scopes.read(id, access) : null;
        model.addAttribute("scopeReadable", scopeReadable);
        model.addAttribute("scopeNone", scope instanceof ScopeViews.None);
        model.addAttribute("scopeWithheld", scope instanceof ScopeViews.Withheld);
        model.addAttribute("scope", scope instanceof ScopeViews.Shown shown ? shown : null);
        List<Scanned> scanned = new ArrayList<>();
        int unreadable = 0;
        for (EvidenceItem item : vault.ofIncident(id)) {
            if (!access.mayRead(item.id(), item.repository())) {
                unreadable++;
                continue;
            }
            scans.latest(item)
                    .ifPresent(s -> scanned.add(new Scanned(
                            item,
                            s.path("people").asLong(),
                            s.path("unplaced").asLong(),
                            PiiScans.subjects(s),
                            Instant.parse(s.path("finishedAt").asString()))));
        }
        model.addAttribute("scanned", scanned);
        model.addAttribute("unreadable", unreadable);
        return "findings/findings";
    }

    /** "Run leak analysis": every item the caller may have analyzed, as {@code {"all":true}}. */
    @PostMapping("/incidents/{id}/analyses")
    @Guard(Action.ANALYSIS_START)
    String analyze(Access access, @PathVariable String id) {
        Job job = AnalysisController.start(analyses, access, id, new Analyses.All());
        return "redirect:/incidents/" + id + "/jobs?started=" + job.id();
    }
}
