package dev.tandem.server.leak;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Role;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.JobController;
import dev.tandem.server.job.Jobs;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Leak analyses of an incident's evidence and their findings (docs/analysis-api.md). */
@RestController
class AnalysisController {
    private final Analyses analyses;
    private final Findings findings;
    private final Jobs jobs;
    private final Incidents incidents;

    private final Vault vault;
    private final FindingViews views;

    AnalysisController(
            Analyses analyses, Findings findings, Jobs jobs, Incidents incidents, Vault vault, FindingViews views) {
        this.analyses = analyses;
        this.findings = findings;
        this.jobs = jobs;
        this.incidents = incidents;
        this.vault = vault;
        this.views = views;
    }

    /**
     * {@code {"evidence":["<id>",…]}} or {@code {"all":true}}: 202 with the queued job. The audit
     * liaison analyzes AUDIT evidence only: a FORENSIC item named is refused, and "all" means all of
     * the AUDIT items.
     */
    @PostMapping("/api/v1/incidents/{id}/analyses")
    @Guard(Action.ANALYSIS_START)
    ResponseEntity<Map<String, Object>> analyze(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        incidents.find(id).orElseThrow(() -> DomainException.notFound("incident", id));
        Analyses.Request request = request(body);
        Job job = start(analyses, access, id, request);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("job", JobController.view(job, access, vault));
        List<String> warnings = request instanceof Analyses.Listed l ? repeated(l.evidence()) : List.of();
        if (!warnings.isEmpty()) answer.put("warnings", warnings);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/analyses/" + job.id()))
                .body(answer);
    }

    /**
     * Queues an analysis for the caller: the audit liaison analyzes AUDIT evidence only (a FORENSIC
     * item named is refused, "all" means all AUDIT items). For the API and the page alike.
     */
    static Job start(Analyses analyses, Access access, String incident, Analyses.Request request) {
        boolean auditOnly = access.caller().has(Role.AUDIT_LIAISON);
        return analyses.submit(
                incident, request, access.username(), item -> !auditOnly || item.repository() == Repository.AUDIT);
    }

    /**
     * One line for each id {@code evidence} lists more than once, in the order of its first
     * mention: the item is read once (docs/analysis-api.md), and the caller is told which.
     */
    static List<String> repeated(List<String> evidence) {
        Map<String, Integer> times = new LinkedHashMap<>();
        evidence.forEach(e -> times.merge(e, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        times.forEach((e, n) -> {
            if (n > 1) out.add("evidence: item " + e + " is listed " + n + " times; read once");
        });
        return out;
    }

    static Analyses.Request request(JsonNode body) {
        if (!body.isObject()) {
            throw DomainException.unprocessable(
                    "bad-analysis-request", "the body must be {\"evidence\":[\"<id>\",…]} or {\"all\":true}");
        }
        JsonNode all = body.get("all");
        JsonNode evidence = body.get("evidence");
        boolean wantsAll = all != null && all.isBoolean() && all.asBoolean();
        if (all != null && !all.isBoolean()) {
            throw DomainException.unprocessable("bad-analysis-request", "all: must be true or false");
        }
        if (wantsAll && evidence != null) {
            throw DomainException.unprocessable(
                    "bad-analysis-request", "give either \"evidence\" or \"all\":true, not both");
        }
        if (wantsAll) {
            return new Analyses.All();
        }
        if (evidence == null) {
            throw DomainException.unprocessable(
                    "no-evidence", "evidence: name the items to analyze, or send {\"all\":true}");
        }
        if (!evidence.isArray()) {
            throw DomainException.unprocessable("bad-analysis-request", "evidence: must be a list of evidence ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode e : evidence) {
            if (!e.isString() || e.asString().isBlank()) {
                throw DomainException.unprocessable(
                        "bad-analysis-request", "evidence: every entry must be an evidence id (a string)");
            }
            ids.add(e.asString());
        }
        return new Analyses.Listed(ids);
    }

    /**
     * The findings and the timeline of the incident's current analysis ({@link CurrentAnalysis}, ADR
     * 148), or of {@code ?analysis=<job id>}, with which analysis is current and which completed after
     * it without replacing it; an incident never analyzed answers empty lists and {@code
     * "analysis":null}.
     */
    @GetMapping("/api/v1/incidents/{id}/findings")
    @Guard(Action.FINDINGS_READ)
    Map<String, Object> findings(
            Access access, @PathVariable String id, @RequestParam(required = false) @Nullable String analysis) {
        incidents.find(id).orElseThrow(() -> DomainException.notFound("incident", id));
        FindingViews.Shown shown = FindingViews.chosen(findings, id, analysis);
        Optional<CompletedAnalysis> chosen = shown.analysis();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("analysis", chosen.map(CompletedAnalysis::jobId).orElse(null));
        m.put("completedAt", chosen.map(a -> a.completedAt().toString()).orElse(null));
        FindingViews.putSelection(m, shown.selection());
        m.put(
                "findings",
                chosen.map(a -> findings.of(a.jobId()).stream()
                                .map(f -> views.view(f, access))
                                .toList())
                        .orElse(List.of()));
        FindingViews.putTimeline(
                m,
                chosen.map(a -> findings.timelineOf(a.jobId())).orElse(List.of()),
                chosen.map(a -> findings.of(a.jobId())).orElse(List.of()),
                access);
        return m;
    }

    /** The analysis job (as {@code /api/v1/jobs/{id}}) and, once completed, its findings and timeline. */
    @GetMapping("/api/v1/analyses/{id}")
    @Guard(Action.JOB_READ)
    Map<String, Object> analysis(Access access, @PathVariable String id) {
        Job job = jobs.find(id)
                .filter(j -> j.kind().equals(Analyses.KIND))
                .orElseThrow(() -> DomainException.notFound("analysis", id));
        Map<String, Object> m = new LinkedHashMap<>(JobController.view(job, access, vault));
        m.put(
                "findings",
                findings.of(id).stream().map(f -> views.view(f, access)).toList());
        FindingViews.putTimeline(m, findings.timelineOf(id), findings.of(id), access);
        return m;
    }
}
