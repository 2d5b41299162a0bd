package dev.tandem.server.job;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.AccessPolicy;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Decision;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.IncidentHeader;
import dev.tandem.server.web.Confirmation;
import dev.tandem.server.web.Times;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The jobs page (docs/web.md): an incident's jobs, newest first, with their progress, as
 * {@code GET …/jobs} answers them ({@link JobController#view}: withheld over privileged items the
 * caller may not read). htmx polls the list every 2 seconds while a job is queued or running and
 * stops once all have finished; without JavaScript a link refreshes the page. Cancel where the
 * policy permits it.
 */
@WebPages
class JobPages {
    private final Jobs jobs;
    private final Vault vault;
    private final IncidentHeader header;

    JobPages(Jobs jobs, Vault vault, IncidentHeader header) {
        this.jobs = jobs;
        this.vault = vault;
        this.header = header;
    }

    /**
     * A job as listed.
     *
     * @param job the API's view of it
     * @param percent how far it is, or null when unknown or withheld
     * @param evidence the evidence items its input names
     */
    record Row(
            Map<String, Object> job,
            String what,
            boolean finished,
            boolean cancellable,
            @Nullable Integer percent,
            List<String> evidence) {}

    @GetMapping("/incidents/{id}/jobs")
    @Guard(Action.JOBS_LIST)
    String list(
            Access access,
            @PathVariable String id,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model,
            HttpServletResponse response) {
        header.fill(access, id, model, "jobs");
        List<Row> rows = new ArrayList<>();
        List<Job> all = new ArrayList<>(jobs.ofIncident(id));
        all.sort(Comparator.comparing(Job::requestedAt).reversed());
        for (Job j : all) {
            Map<String, Object> view = JobController.view(j, access, vault);
            boolean withheld = Boolean.TRUE.equals(view.get("withheld"));
            Integer percent = null;
            if (!withheld && j.totalUnits() > 0) {
                percent = (int) Math.min(100, Math.max(0, 100 * j.doneUnits() / j.totalUnits()));
            } else if (!withheld && j.status() == Job.Status.SUCCEEDED) {
                percent = 100;
            }
            boolean cancellable = !j.status().finished()
                    && AccessPolicy.decide(access.caller(), Action.JOB_CANCEL, Resource.job(id, j.requestedBy()))
                            instanceof Decision.Permit;
            rows.add(new Row(
                    view, what(j.kind()), j.status().finished(), cancellable, percent, JobController.evidenceOf(j)));
        }
        model.addAttribute("jobs", rows);
        model.addAttribute("active", rows.stream().anyMatch(r -> !r.finished()));
        // the same address answers the page and, to htmx, the list alone
        response.setHeader("Vary", "HX-Request");
        return htmx != null ? "jobs/list :: progress" : "jobs/list";
    }

    static String what(String kind) {
        return switch (kind) {
            case "LEAK_ANALYSIS" -> "Leak analysis";
            case "PII_SCAN" -> "PII scan";
            default -> kind;
        };
    }

    /**
     * The question before a job is cancelled (docs/web.md, "Actions that ask first"): which job, who
     * asked for it and when, and what cancelling it does. Its form alone cancels. A job that has
     * finished is the list again, 409, saying so (as the cancellation would answer).
     */
    @GetMapping("/jobs/{id}/cancel")
    @Guard(Action.JOB_CANCEL)
    String confirmCancel(Access access, @PathVariable String id, Model model, HttpServletResponse response) {
        Job job = jobs.find(id).orElseThrow(() -> DomainException.notFound("job", id));
        if (job.status().finished()) {
            response.setStatus(409);
            model.addAttribute("jobError", "job " + id + " is " + job.status() + ": there is nothing to cancel");
            return list(access, job.incidentId(), null, model, response);
        }
        ZoneId zone = header.fill(access, job.incidentId(), model, "jobs").timeZone();
        int items = JobController.evidenceOf(job).size();
        String what = what(job.kind()) + (items == 0 ? "" : items == 1 ? " of one item" : " of " + items + " items");
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "Cancel the " + what(job.kind()) + "? · Jobs",
                        "Cancel the " + what.toLowerCase(java.util.Locale.ROOT) + " requested by " + job.requestedBy()
                                + "?",
                        List.of(
                                "Requested " + new Times().show(job.requestedAt(), zone) + ", now " + job.status()
                                        + ".",
                                job.status() == Job.Status.QUEUED
                                        ? "It will not run, and it gives no result."
                                        : "It stops at its next step and gives no result; what it read so far is"
                                                + " not kept.",
                                "The ledger records the cancellation (job.cancelled). To have the work done after"
                                        + " all, start it again."),
                        "/jobs/" + id + "/cancel",
                        Map.of(),
                        "Cancel the job",
                        "/incidents/" + job.incidentId() + "/jobs",
                        "Let it run",
                        null));
        return Confirmation.VIEW;
    }

    /**
     * Cancels a queued or running job once confirmed ({@code confirm=yes}), as
     * {@code POST /api/v1/jobs/{id}/cancel}; back to the list. Without the confirmation, the question.
     */
    @PostMapping("/jobs/{id}/cancel")
    @Guard(Action.JOB_CANCEL)
    String cancel(
            Access access,
            @PathVariable String id,
            @RequestParam(name = Confirmation.CONFIRM, required = false) @Nullable String confirm,
            Model model,
            HttpServletResponse response) {
        if (!Confirmation.confirmed(confirm)) {
            return confirmCancel(access, id, model, response);
        }
        Job job = jobs.find(id).orElseThrow(() -> DomainException.notFound("job", id));
        try {
            jobs.cancel(id, access.username());
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.CONFLICT) {
                throw e;
            }
            // it finished meanwhile: the list again, saying so
            response.setStatus(409);
            model.addAttribute("jobError", e.getMessage());
            return list(access, job.incidentId(), null, model, response);
        }
        return "redirect:/incidents/" + job.incidentId() + "/jobs";
    }
}
