package dev.tandem.server.job;

import dev.tandem.server.web.ApiProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Job status and progress. */
@RestController
public class JobController {
    private final Jobs jobs;

    JobController(Jobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/api/v1/jobs/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return view(jobs.find(id).orElseThrow(() -> ApiProblem.notFound("job", id)));
    }

    @GetMapping("/api/v1/incidents/{id}/jobs")
    List<Map<String, Object>> ofIncident(@PathVariable String id) {
        return jobs.ofIncident(id).stream().map(JobController::view).toList();
    }

    public static Map<String, Object> view(Job j) {
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
        return m;
    }
}
