package dev.tandem.server.report;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.AccessPolicy;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Decision;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import dev.tandem.server.incident.IncidentHeader;
import dev.tandem.server.web.WebPages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reports of an incident in the browser (docs/web.md, docs/reports.md): each report viewed in
 * the page (the same templates as the API's HTML), downloaded as PDF, and issued as evidence, all
 * through {@link Reports} and decided by the same actions as the API.
 */
@WebPages
class ReportPages {
    private final Reports reports;
    private final IncidentHeader header;

    ReportPages(Reports reports, IncidentHeader header) {
        this.reports = reports;
        this.header = header;
    }

    /** A report as the reports page lists it, with the repositories the caller may issue it to. */
    record Offer(ReportKind kind, String title, String audience, boolean readable, List<Repository> issuableTo) {}

    @GetMapping("/incidents/{id}/reports")
    @Guard(Action.REPORT_AUDIT_READ)
    String list(Access access, @PathVariable String id, Model model) {
        header.fill(access, id, model, "reports");
        List<Offer> offers = List.of(
                new Offer(
                        ReportKind.INCIDENT,
                        "Incident report",
                        "For the response team and counsel: scope, findings, containment, obligations.",
                        permitted(access, Action.REPORT_INCIDENT_READ, Resource.incident(id)),
                        issuable(access, Action.REPORT_INCIDENT_ISSUE, id)),
                new Offer(
                        ReportKind.AUDIT_CONTINUITY,
                        "Audit-continuity report",
                        "For the auditors: what happened and when, the evidence and its custody, what changed and"
                                + " by whom, and the SOC 2 disclosure.",
                        true,
                        issuable(access, Action.REPORT_AUDIT_ISSUE, id)));
        model.addAttribute("offers", offers);
        return "incidents/reports";
    }

    @GetMapping("/incidents/{id}/reports/incident")
    @Guard(Action.REPORT_INCIDENT_READ)
    String incident(Access access, @PathVariable String id, Model model) {
        return view(ReportKind.INCIDENT, access, id, model);
    }

    @GetMapping("/incidents/{id}/reports/audit-continuity")
    @Guard(Action.REPORT_AUDIT_READ)
    String auditContinuity(Access access, @PathVariable String id, Model model) {
        return view(ReportKind.AUDIT_CONTINUITY, access, id, model);
    }

    @GetMapping("/incidents/{id}/reports/incident.pdf")
    @Guard(Action.REPORT_INCIDENT_READ)
    ResponseEntity<byte[]> incidentPdf(Access access, @PathVariable String id) {
        return pdf(ReportKind.INCIDENT, access, id);
    }

    @GetMapping("/incidents/{id}/reports/audit-continuity.pdf")
    @Guard(Action.REPORT_AUDIT_READ)
    ResponseEntity<byte[]> auditContinuityPdf(Access access, @PathVariable String id) {
        return pdf(ReportKind.AUDIT_CONTINUITY, access, id);
    }

    @PostMapping("/incidents/{id}/reports/incident/issue")
    @Guard(Action.REPORT_INCIDENT_ISSUE)
    String issueIncident(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String repository,
            RedirectAttributes redirect) {
        return issue(ReportKind.INCIDENT, Action.REPORT_INCIDENT_ISSUE, access, id, repository, redirect);
    }

    @PostMapping("/incidents/{id}/reports/audit-continuity/issue")
    @Guard(Action.REPORT_AUDIT_ISSUE)
    String issueAuditContinuity(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String repository,
            RedirectAttributes redirect) {
        return issue(ReportKind.AUDIT_CONTINUITY, Action.REPORT_AUDIT_ISSUE, access, id, repository, redirect);
    }

    private String view(ReportKind kind, Access access, String id, Model model) {
        header.fill(access, id, model, "reports");
        Report report = reports.render(kind, id, access.caller()).report();
        model.addAttribute("report", report);
        model.addAttribute("kind", kind.path());
        return "incidents/report";
    }

    private ResponseEntity<byte[]> pdf(ReportKind kind, Access access, String id) {
        Reports.Rendered rendered = reports.render(kind, id, access.caller());
        return ResponseEntity.ok()
                .header(
                        ReportController.CHECKPOINT_HEADER,
                        rendered.report().checkpoint().header())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(kind.path() + "-report-at-"
                                        + rendered.report().checkpoint().size() + ".pdf")
                                .build()
                                .toString())
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_PDF)
                .body(reports.pdf(rendered));
    }

    private String issue(
            ReportKind kind,
            Action action,
            Access access,
            String id,
            @Nullable String asked,
            RedirectAttributes redirect) {
        Repository repository = Repository.parse(asked == null ? "" : asked)
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-repository", "repository must be FORENSIC or AUDIT, got " + asked));
        // as in the API: the role was decided by the guard; which repository may hold the report, here
        access.require(action, Resource.upload(id, repository), "incident", id);
        Reports.Issued issued = reports.issue(kind, id, access.caller(), repository);
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("kind", kind.path());
        shown.put("evidence", issued.evidence().id());
        shown.put("sha256", issued.evidence().sha256());
        shown.put("size", issued.evidence().size());
        shown.put("ledgerIndex", issued.evidence().ledgerIndex());
        shown.put("repository", repository.name());
        shown.put("checkpoint", issued.checkpoint().header());
        redirect.addFlashAttribute("issued", shown);
        return "redirect:/incidents/" + id + "/reports";
    }

    private static List<Repository> issuable(Access access, Action action, String id) {
        List<Repository> to = new ArrayList<>();
        if (permitted(access, action, Resource.incident(id))) {
            for (Repository r : Repository.values()) {
                if (permitted(access, action, Resource.upload(id, r))) {
                    to.add(r);
                }
            }
        }
        return to;
    }

    private static boolean permitted(Access access, Action action, Resource resource) {
        return AccessPolicy.decide(access.caller(), action, resource) instanceof Decision.Permit;
    }
}
