package dev.tandem.server.portal;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.change.Changes;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.Incident;
import dev.tandem.server.incident.IncidentHeader;
import dev.tandem.server.incident.Timeline;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.web.FormTokens;
import dev.tandem.server.web.Problems;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditor's portal of an incident (docs/web.md, tab "Audit"): the evidence requests with where
 * each stands and what the answers link: AUDIT items (downloaded through the evidence download, which
 * records the read), changes and public ledger entries (ADR 111), the forms for each step where the policy permits it, the export bag's link, and the
 * checkpoint the caller last verified offline with whether the log is still consistent with it.
 * Forms post and redirect; a refused form is the page again (422) with the message at the form.
 */
@WebPages
class PortalPages {
    private final EvidenceRequests requests;
    private final VerifiedCheckpoints checkpoints;
    private final Vault vault;
    private final IncidentHeader header;
    private final Ledger ledger;
    private final Changes changes;
    private final Timeline timeline;
    private final java.time.Clock clock;

    PortalPages(
            EvidenceRequests requests,
            VerifiedCheckpoints checkpoints,
            Vault vault,
            IncidentHeader header,
            Ledger ledger,
            Changes changes,
            Timeline timeline,
            java.time.Clock clock) {
        this.ledger = ledger;
        this.changes = changes;
        this.timeline = timeline;
        this.clock = clock;
        this.requests = requests;
        this.checkpoints = checkpoints;
        this.vault = vault;
        this.header = header;
    }

    @GetMapping("/incidents/{id}/audit")
    @Guard(Action.AUDIT_PORTAL_READ)
    String portal(Access access, @PathVariable String id, Model model) {
        Incident incident = header.fill(access, id, model, "audit");
        List<EvidenceRequests.Request> all = requests.ofIncident(id);
        model.addAttribute("requests", all);
        // an item an answer linked that counsel pulled back to FORENSIC since is shown by its id only
        // to whoever may not read it, as the API's stub (docs/contracts.md §5.1)
        model.addAttribute(
                "readable",
                all.stream()
                        .flatMap(r -> r.history().stream())
                        .flatMap(h -> h.evidence().stream())
                        .filter(e -> access.mayRead(e.id(), e.repository()))
                        .map(dev.tandem.server.evidence.EvidenceItem::id)
                        .collect(java.util.stream.Collectors.toSet()));
        // today in the incident's zone: a request still OPEN after its due date is marked overdue
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(incident.timeZone()));
        model.addAttribute(
                "overdue",
                all.stream()
                        .filter(r -> RequestRules.overdue(r.status(), r.due(), today))
                        .map(EvidenceRequests.Request::id)
                        .collect(java.util.stream.Collectors.toSet()));
        // what an answer may link: the incident's AUDIT items, never FORENSIC ones
        model.addAttribute(
                "auditItems",
                vault.ofIncident(id).stream()
                        .filter(e -> e.repository() == Repository.AUDIT)
                        .toList());
        // and the incident's changes, which the auditor reads (ADR 111); entries are named by index
        model.addAttribute("answerChanges", changes.ofIncident(id));
        model.addAttribute("links", new AnswerLinks(changes, timeline, id, access.caller()));
        VerifiedCheckpoints.Recorded verified =
                checkpoints.find(id, access.username()).orElse(null);
        model.addAttribute("verified", verified);
        // the command to verify the bag names the key to pin, the same as the ledger page shows
        model.addAttribute("verifierKey", ledger.verifierKey());
        model.addAttribute(
                "exportLink", "/incidents/" + id + "/export" + (verified == null ? "" : "?since=" + verified.size()));
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", Map.of());
        }
        return "portal/audit";
    }

    @PostMapping("/incidents/{id}/evidence-requests")
    @Guard(Action.EVIDENCE_REQUEST_FILE)
    String file(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        return FormTokens.once(request, form.get(FormTokens.PARAM), () -> file(access, id, form, model, response));
    }

    private String file(Access access, String id, Map<String, String> form, Model model, HttpServletResponse response) {
        Incident incident = header.fill(access, id, model, "audit");
        try {
            EvidenceRequests.Request r = requests.file(
                    id,
                    form.get("text"),
                    form.get("due"),
                    RequestRules.controlList(form.get("controls")),
                    incident.timeZone(),
                    access.username());
            return "redirect:/incidents/" + id + "/audit#request-" + r.id();
        } catch (DomainException e) {
            return again(access, id, "file", e, form, model, response);
        }
    }

    @PostMapping("/evidence-requests/{id}/answer")
    @Guard(Action.EVIDENCE_REQUEST_ANSWER)
    String answer(
            Access access,
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            HttpServletResponse response) {
        return step(
                access,
                id,
                "answer",
                form.toSingleValueMap(),
                model,
                response,
                () -> requests.answer(
                        id,
                        form.getOrDefault("evidence", List.of()),
                        form.getOrDefault("changes", List.of()),
                        RequestRules.entryList(form.getFirst("entries")),
                        form.getFirst("note"),
                        access.username()));
    }

    @PostMapping("/evidence-requests/{id}/decline")
    @Guard(Action.EVIDENCE_REQUEST_ANSWER)
    String decline(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return step(
                access,
                id,
                "decline",
                form,
                model,
                response,
                () -> requests.decline(id, form.get("reason"), access.username()));
    }

    @PostMapping("/evidence-requests/{id}/accept")
    @Guard(Action.EVIDENCE_REQUEST_REVIEW)
    String accept(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return step(
                access,
                id,
                "accept",
                form,
                model,
                response,
                () -> requests.accept(id, form.get("comment"), access.username()));
    }

    @PostMapping("/evidence-requests/{id}/reopen")
    @Guard(Action.EVIDENCE_REQUEST_REVIEW)
    String reopen(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        return step(
                access,
                id,
                "reopen",
                form,
                model,
                response,
                () -> requests.reopen(id, form.get("reason"), access.username()));
    }

    /** Records the pasted note as the caller's verified checkpoint (ADR 088). */
    @PostMapping("/incidents/{id}/verified-checkpoint")
    @Guard(Action.CHECKPOINT_VERIFIED_RECORD)
    String checkpoint(
            Access access,
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            HttpServletResponse response) {
        try {
            checkpoints.record(id, access.username(), form.getOrDefault("note", ""));
        } catch (DomainException e) {
            return again(access, id, "checkpoint", e, form, model, response);
        }
        return "redirect:/incidents/" + id + "/audit?verified#verified-checkpoint";
    }

    @FunctionalInterface
    private interface Step {
        EvidenceRequests.Request run();
    }

    private String step(
            Access access,
            String id,
            String form,
            Map<String, String> fields,
            Model model,
            HttpServletResponse response,
            Step step) {
        EvidenceRequests.Request r = requests.existing(id);
        try {
            step.run();
        } catch (DomainException e) {
            model.addAttribute("errorRequest", id);
            return again(access, r.incident(), form, e, fields, model, response);
        }
        return "redirect:/incidents/" + r.incident() + "/audit#request-" + id;
    }

    /** The page again with the refusal at its form: 422 for a field, the refusal's own status otherwise. */
    private String again(
            Access access,
            String incident,
            String form,
            DomainException e,
            Map<String, String> fields,
            Model model,
            HttpServletResponse response) {
        if (e.kind() != DomainException.Kind.UNPROCESSABLE_CONTENT && e.kind() != DomainException.Kind.CONFLICT) {
            throw e;
        }
        response.setStatus(Problems.status(e.kind()).value());
        model.addAttribute("errorForm", form);
        model.addAttribute("error", e.getMessage());
        model.addAttribute("errorProblem", Problems.type(e.code()).toString());
        Map<String, String> draft = new java.util.LinkedHashMap<>(fields);
        draft.remove("_csrf");
        model.addAttribute("draft", draft);
        return portal(access, incident, model);
    }
}
