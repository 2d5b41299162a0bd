package dev.tandem.server.job;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.evidence.Vault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Job status and progress. */
@RestController
public class JobController {
    private final Jobs jobs;
    private final Vault vault;

    JobController(Jobs jobs, Vault vault) {
        this.jobs = jobs;
        this.vault = vault;
    }

    @GetMapping("/api/v1/jobs/{id}")
    @Guard(Action.JOB_READ)
    Map<String, Object> get(Access access, @PathVariable String id) {
        return view(jobs.find(id).orElseThrow(() -> DomainException.notFound("job", id)), access, vault);
    }

    /** Cancels a queued or running job (409 once it has finished); the answer is the job. */
    @PostMapping("/api/v1/jobs/{id}/cancel")
    @Guard(Action.JOB_CANCEL)
    Map<String, Object> cancel(Access access, @PathVariable String id) {
        return view(jobs.cancel(id, access.username()), access, vault);
    }

    @GetMapping("/api/v1/incidents/{id}/jobs")
    @Guard(Action.JOBS_LIST)
    List<Map<String, Object>> ofIncident(Access access, @PathVariable String id) {
        return jobs.ofIncident(id).stream().map(j -> view(j, access, vault)).toList();
    }

    /**
     * A job as {@code access}'s caller may see it: its result and error can name privileged files
     * and counts, and its progress (in bytes) their sizes, so they are withheld
     * ({@code "withheld":true}) unless the caller may read every evidence item the job's input names.
     */
    public static Map<String, Object> view(Job j, Access access, Vault vault) {
        Map<String, Object> m = view(j);
        boolean readable = evidenceOf(j).stream()
                .allMatch(id -> vault.find(id)
                        .map(e -> access.mayRead(e.id(), e.repository()))
                        .orElse(false));
        if (!readable) {
            // progress is counted in bytes read: it would give away the size of privileged items
            m.put("result", null);
            m.put("error", null);
            m.put("done", null);
            m.put("total", null);
        }
        m.put("withheld", !readable);
        return m;
    }

    /** The evidence ids a job's input names: one ({@code "evidence":"<id>"}) or a list. */
    static List<String> evidenceOf(Job j) {
        JsonNode e = j.input().path("evidence");
        List<String> ids = new ArrayList<>();
        if (e.isString()) {
            ids.add(e.asString());
        }
        for (JsonNode n : e.isArray() ? e : List.<JsonNode>of()) {
            ids.add(n.asString());
        }
        return ids;
    }

    /** The job in full; callers outside this package go through {@link #view(Job, Access, Vault)}. */
    static Map<String, Object> view(Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("kind", j.kind());
        m.put("incident", j.incidentId());
        m.put("status", j.status().name());
        m.put("done", j.doneUnits());
        m.put("total", j.totalUnits());
        m.put("input", j.input());
        m.put("requestedBy", j.requestedBy());
        m.put("requestedAt", j.requestedAt().toString());
        m.put("startedAt", j.startedAt() == null ? null : j.startedAt().toString());
        m.put("finishedAt", j.finishedAt() == null ? null : j.finishedAt().toString());
        m.put("result", j.result());
        m.put("error", j.error());
        m.put("ledgerIndex", j.ledgerIndex());
        m.put("attempts", j.attempts());
        m.put("cancelRequested", j.cancelRequested());
        return m;
    }
}
