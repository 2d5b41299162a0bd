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
import dev.tandem.server.ledger.Ledger;
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
    private final Ledger ledger;

    AnalysisController(
            Analyses analyses, Findings findings, Jobs jobs, Incidents incidents, Vault vault, Ledger ledger) {
        this.analyses = analyses;
        this.findings = findings;
        this.jobs = jobs;
        this.incidents = incidents;
        this.vault = vault;
        this.ledger = ledger;
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
        boolean auditOnly = access.caller().has(Role.AUDIT_LIAISON);
        Job job = analyses.submit(
                id, request(body), access.username(), item -> !auditOnly || item.repository() == Repository.AUDIT);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("job", JobController.view(job, access, vault));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/analyses/" + job.id()))
                .body(answer);
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
     * The findings of the incident's latest completed analysis, or of {@code ?analysis=<job id>};
     * an incident never analyzed answers an empty list and {@code "analysis":null}.
     */
    @GetMapping("/api/v1/incidents/{id}/findings")
    @Guard(Action.FINDINGS_READ)
    Map<String, Object> findings(
            Access access, @PathVariable String id, @RequestParam(required = false) @Nullable String analysis) {
        incidents.find(id).orElseThrow(() -> DomainException.notFound("incident", id));
        Optional<CompletedAnalysis> chosen = analysis == null
                ? findings.latest(id)
                : Optional.of(findings.completed(analysis)
                        .filter(a -> a.incidentId().equals(id))
                        .orElseThrow(
                                () -> DomainException.notFound("completed analysis", analysis + " of incident " + id)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("analysis", chosen.map(CompletedAnalysis::jobId).orElse(null));
        m.put("completedAt", chosen.map(a -> a.completedAt().toString()).orElse(null));
        m.put(
                "findings",
                chosen.map(a -> findings.of(a.jobId()).stream()
                                .map(f -> view(f, access))
                                .toList())
                        .orElse(List.of()));
        return m;
    }

    /** The analysis job (as {@code /api/v1/jobs/{id}}) and, once completed, its findings. */
    @GetMapping("/api/v1/analyses/{id}")
    @Guard(Action.JOB_READ)
    Map<String, Object> analysis(Access access, @PathVariable String id) {
        Job job = jobs.find(id)
                .filter(j -> j.kind().equals(Analyses.KIND))
                .orElseThrow(() -> DomainException.notFound("analysis", id));
        Map<String, Object> m = new LinkedHashMap<>(JobController.view(job, access, vault));
        m.put("findings", findings.of(id).stream().map(f -> view(f, access)).toList());
        return m;
    }

    /**
     * A finding as the caller may see it: in full, or, when it rests on a FORENSIC item the caller
     * may not read, only what its ledger entry shows everyone: that it exists, and its commitment.
     */
    Map<String, Object> view(StoredFinding f, Access access) {
        boolean readable = f.privileged() && f.items().isEmpty()
                ? access.caller().privileged()
                : f.items().stream().allMatch(i -> access.mayRead(i.id(), Repository.valueOf(i.repository())));
        if (readable) {
            return view(f);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("analysis", f.analysisId());
        m.put("privileged", true);
        m.put("ledgerIndex", f.ledgerIndex());
        m.put("commitment", ledger.commitmentAt(f.ledgerIndex()));
        return m;
    }

    /**
     * A finding in the shape of {@code tandem analyze --format json} (CONTRACTS.md §4: pattern,
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
