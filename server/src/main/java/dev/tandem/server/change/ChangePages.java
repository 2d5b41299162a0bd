package dev.tandem.server.change;

import dev.tandem.change.Approver;
import dev.tandem.change.ChangeKind;
import dev.tandem.change.ChangeRules;
import dev.tandem.change.ChangeStatus;
import dev.tandem.change.Risk;
import dev.tandem.change.Snapshot;
import dev.tandem.controls.ControlTest;
import dev.tandem.controls.Retests;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Role;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.IncidentHeader;
import dev.tandem.server.web.FormTokens;
import dev.tandem.server.web.MultipartForm;
import dev.tandem.server.web.Problems;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The change-control pages (docs/web.md, docs/contracts.md §3): an incident's change requests and the
 * new-change form (pre-filled from a finding's proposed containment), one change with its steps,
 * forms and diffs, the retests with their fee estimate and CSV, and the control-test register with
 * its import. Every step goes through {@link Changes} and {@link ControlTests}, as the API's do:
 * the rules are theirs, and a refusal is shown beside the form it came from.
 */
@WebPages
class ChangePages {
    /** A form field's text, at most (the rules allow 10,000 characters; UTF-8 with room). */
    private static final int MAX_FIELD_BYTES = 64 * 1024;

    private final Changes changes;
    private final ControlTests register;
    private final ChangeViews views;
    private final Vault vault;
    private final IncidentHeader header;
    private final Memberships members;
    private final Clock clock;

    ChangePages(
            Changes changes,
            ControlTests register,
            ChangeViews views,
            Vault vault,
            IncidentHeader header,
            Memberships members,
            Clock clock) {
        this.clock = clock;
        this.members = members;
        this.changes = changes;
        this.register = register;
        this.views = views;
        this.vault = vault;
        this.header = header;
    }

    // ------------------------------------------------------------------ the incident's changes

    @GetMapping("/incidents/{id}/changes")
    @Guard(Action.CHANGES_READ)
    String list(Access access, @PathVariable String id, Model model) {
        header.fill(access, id, model, "changes");
        model.addAttribute("changes", changes.ofIncident(id));
        return "changes/list";
    }

    /**
     * The incident's changes as the CSV the API gives for {@code format=csv} (docs/contracts.md
     * "Additions", ADR 140): the same views for the same caller, under the same {@code CHANGES_READ}.
     */
    @GetMapping("/incidents/{id}/changes/download")
    @Guard(Action.CHANGES_READ)
    ResponseEntity<String> changesCsv(Access access, @PathVariable String id) {
        return ChangeController.changesCsv(id, views.csv(id, access));
    }

    /** The new-change form; with {@code finding} (and {@code containment}) filled from its proposal. */
    @GetMapping("/incidents/{id}/changes/new")
    @Guard(Action.CHANGE_REQUEST)
    String form(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String finding,
            @RequestParam(required = false) @Nullable String containment,
            Model model) {
        header.fill(access, id, model, "changes");
        Map<String, Object> draft = finding == null || finding.isBlank()
                ? ChangeForm.draft(Map.of(), List.of(), false)
                : ChangeForm.draft(
                        changes.proposal(id, finding.strip(), ChangeForm.containment(containment), access.caller()));
        if (finding != null && !finding.isBlank() && changes.restsOnPrivileged(id, finding.strip())) {
            // the finding's own words (its pattern, the session, user or snapshot it names) are shown
            // to the requester for reference, not put in the form: one click would publish them
            Map<String, String> proposed = new java.util.LinkedHashMap<>();
            // (the system and configuration items too: a host or URL found in FORENSIC logs, a
            // permission set's name; the API asks the requester for each of these)
            for (String f : List.of("title", "description", "system", "configItems", "rollbackPlan")) {
                proposed.put(f, String.valueOf(draft.get(f)));
                draft.put(f, "");
            }
            model.addAttribute("proposedWords", proposed);
        }
        return newForm(access, id, model, draft, Map.of());
    }

    @PostMapping("/incidents/{id}/changes")
    @Guard(Action.CHANGE_REQUEST)
    String request(
            Access access,
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        // the back button and a second submit, a double click: one change, the second sent to it
        return FormTokens.once(
                request, form.getFirst(FormTokens.PARAM), () -> request(access, id, form, response, model));
    }

    private String request(
            Access access, String id, MultiValueMap<String, String> form, HttpServletResponse response, Model model) {
        header.fill(access, id, model, "changes");
        Map<String, String> text = new LinkedHashMap<>();
        for (String f : ChangeForm.TEXT_FIELDS) {
            String v = form.getFirst(f);
            if (v != null) {
                text.put(f, v);
            }
        }
        List<String> pre = form.getOrDefault("preSnapshots", List.of());
        boolean emergency = form.containsKey("emergency");
        try {
            Change c = changes.request(id, ChangeForm.requested(text, pre, emergency), access.caller());
            return "redirect:/changes/" + c.id() + "?requested";
        } catch (DomainException e) {
            if (!ChangeForm.ofTheForm(e)) {
                throw e;
            }
            response.setStatus(Problems.status(e.kind()).value());
            return newForm(
                    access,
                    id,
                    model,
                    ChangeForm.draft(text, pre, emergency),
                    Map.of(ChangeForm.field(e.code()), e.getMessage()));
        }
    }

    private String newForm(
            Access access, String id, Model model, Map<String, Object> draft, Map<String, String> errors) {
        List<ControlTest> tests = register.register(id, access.caller()).tests();
        List<String> items = ChangeForm.lines(String.valueOf(draft.get("configItems")));
        model.addAttribute("draft", draft);
        model.addAttribute("errors", errors);
        model.addAttribute("kinds", ChangeKind.values());
        model.addAttribute("risks", Risk.values());
        model.addAttribute("snapshots", snapshots(access, id));
        model.addAttribute("tests", tests);
        model.addAttribute("suggested", items == null ? List.of() : Retests.suggestedControls(tests, items));
        String fromFinding = String.valueOf(draft.get("finding"));
        model.addAttribute("fromFinding", !fromFinding.isEmpty());
        model.addAttribute(
                "fromPrivilegedFinding", !fromFinding.isEmpty() && changes.restsOnPrivileged(id, fromFinding));
        String role =
                access.caller().role() == null ? null : access.caller().role().name();
        model.addAttribute("mayFlagEmergency", ChangeRules.mayFlagEmergency(role));
        // an approver's own request needs another's approval in their role: said before it is sent
        Approver approver = ChangeRules.approver(role);
        model.addAttribute(
                "commanderRequests",
                approver == null
                        ? null
                        : ChangeRules.approverRequests(
                                approver, (int) holders(id, access.caller().role()).stream()
                                        .filter(u -> !u.equals(access.username()))
                                        .count()));
        return "changes/new";
    }

    /** The incident's members in {@code role}, by user name. */
    private List<String> holders(String incident, @Nullable Role role) {
        return members.members(incident).stream()
                .filter(m -> m.role() == role)
                .map(Memberships.Member::username)
                .toList();
    }

    /** The incident's CONFIG_SNAPSHOT items the caller may read, newest first: what a change names. */
    private List<EvidenceItem> snapshots(Access access, String incident) {
        return vault.ofIncident(incident).stream()
                .filter(i -> i.kind().name().equals(Snapshot.CONFIG_SNAPSHOT) && access.mayRead(i.id(), i.repository()))
                .sorted(Comparator.comparing(EvidenceItem::receivedAt).reversed())
                .toList();
    }

    // ------------------------------------------------------------------ one change

    /** A step of a change as its page lists them, each a ledger entry. */
    record Step(
            Instant at,
            String what,
            @Nullable String who,
            @Nullable String comment,
            @Nullable Long ledgerIndex) {}

    /** The change's steps in the order they were recorded: request, decisions, acknowledgements, execution, checks. */
    static List<Step> steps(Change c) {
        return steps(c, false);
    }

    /**
     * The steps, with the execution's notes left out when {@code notesWithheld} (the caller may not
     * read every snapshot the privileged {@code change.executed} entry rests on).
     */
    static List<Step> steps(Change c, boolean notesWithheld) {
        List<Step> out = new ArrayList<>();
        out.add(new Step(
                c.requestedAt(),
                c.emergency() ? "requested (emergency)" : "requested",
                c.requestedBy(),
                null,
                c.ledgerIndex()));
        for (Change.DecisionRow d : c.decisions()) {
            out.add(new Step(
                    d.at(),
                    (d.approve() ? "approved" : "rejected") + " as "
                            + ChangeRules.words(dev.tandem.change.Approver.valueOf(d.role())),
                    d.person(),
                    d.comment(),
                    d.ledgerIndex()));
        }
        for (Change.Acknowledgement a : c.acknowledgements()) {
            out.add(new Step(a.at(), "acknowledged", a.auditor(), a.comment(), a.ledgerIndex()));
        }
        if (c.executedAt() != null && c.executionIndex() != null) {
            out.add(new Step(
                    c.executedAt(),
                    "executed",
                    String.valueOf(c.executedBy()),
                    notesWithheld ? "(notes withheld: they rest on privileged snapshots)" : c.executionNotes(),
                    c.executionIndex()));
        }
        if (c.verification() != null && c.executedAt() != null) {
            out.add(new Step(
                    c.executedAt(),
                    "closure verified by the analyzers (run by " + c.executedBy() + ")",
                    null,
                    null,
                    c.verification().ledgerIndex()));
        }
        Change.Withdrawal w = c.withdrawal();
        if (w != null) {
            out.add(new Step(w.at(), "withdrawn", w.by(), w.reason(), w.ledgerIndex()));
        }
        if (c.processesVerifiedAt() != null) {
            out.add(new Step(
                    c.processesVerifiedAt(),
                    "business processes verified",
                    String.valueOf(c.processesVerifiedBy()),
                    null,
                    null));
        }
        out.sort(Comparator.comparing(Step::ledgerIndex, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    @GetMapping("/changes/{id}")
    @Guard(Action.CHANGE_READ)
    String change(Access access, @PathVariable String id, Model model) {
        Change c = existing(id);
        return page(access, c, model, Map.of());
    }

    private String page(Access access, Change c, Model model, Map<String, String> errors) {
        header.fill(access, c.incident(), model, "changes");
        model.addAttribute("change", c);
        ChangeViews.ChangeView view = views.view(c, access);
        model.addAttribute("view", view);
        model.addAttribute("steps", steps(c, view.executionNotesWithheld()));
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("input")) {
            model.addAttribute("input", Map.of());
        }
        Map<String, String> names = new LinkedHashMap<>();
        List<String> named = new ArrayList<>(c.preSnapshots());
        named.addAll(c.postSnapshots());
        for (String e : named) {
            names.put(
                    e,
                    vault.find(e)
                            .filter(i -> access.mayRead(i.id(), i.repository()))
                            .map(EvidenceItem::name)
                            .orElse("a privileged item"));
        }
        model.addAttribute("names", names);
        // why the change can never be approved as things stand: no other commander, or no other liaison
        String noCommander =
                ChangeRules.noCommanderToApprove(changes.state(c), holders(c.incident(), Role.INCIDENT_COMMANDER));
        model.addAttribute(
                "noCommander",
                noCommander != null
                        ? noCommander
                        : ChangeRules.noLiaisonToApprove(c.state(), holders(c.incident(), Role.AUDIT_LIAISON)));
        // an emergency change executed before its approvals: where its approval window stands (CC8.1)
        model.addAttribute(
                "emergency",
                !c.emergency() || c.executedAt() == null
                        ? null
                        : changes.emergencies(c.incident(), clock.instant()).stream()
                                .filter(e -> e.change().id().equals(c.id()))
                                .findFirst()
                                .orElse(null));
        // requested on a snapshot another change executed since has made stale: it is not carried out
        // on it, and the page says what to do (a new snapshot, a new request, a new approval)
        model.addAttribute(
                "stale",
                c.status() == ChangeStatus.REQUESTED || c.status() == ChangeStatus.APPROVED
                        ? changes.stillCurrent(c, access.caller()) instanceof ChangeRules.Refused r ? r.reason() : null
                        : null);
        // the policy's answer for the role, narrowed by the change rules for this change and person:
        // the requester and an approver who decided already are not offered the approve button, nor
        // an auditor who acknowledged already the acknowledgement
        @SuppressWarnings("unchecked")
        Map<String, Boolean> can = (Map<String, Boolean>) model.getAttribute("can");
        if (can != null) {
            ChangeRules.Check decide = changes.mayDecide(c, access.caller());
            // why an approver is not offered the decision: theirs alone (the requester, decided already),
            // not the change's state, which its status shows
            model.addAttribute(
                    "decideRefusal",
                    decide instanceof ChangeRules.Refused r
                                    && (r.outcome() == ChangeRules.Outcome.FORBIDDEN
                                            || r.code().equals("already-decided"))
                            ? r.reason()
                            : null);
            can.put(
                    "CHANGE_APPROVE",
                    can.getOrDefault("CHANGE_APPROVE", false) && decide instanceof ChangeRules.Allowed);
            // an auditor acknowledges once: who did is shown the step, not offered it again
            can.put(
                    "CHANGE_ACKNOWLEDGE",
                    can.getOrDefault("CHANGE_ACKNOWLEDGE", false)
                            && changes.mayAcknowledge(c, access.caller()) instanceof ChangeRules.Allowed);
            // withdrawing: the requester or a commander, while the change is still open (any reason
            // asks the same question; the reason itself is checked when sent)
            can.put(
                    "CHANGE_WITHDRAW",
                    can.getOrDefault("CHANGE_WITHDRAW", false)
                            && changes.mayWithdraw(c, access.caller(), "?") instanceof ChangeRules.Allowed);
            ChangeRules.Check ready = changes.mayExecute(c, access.caller());
            model.addAttribute("executeRefusal", ready instanceof ChangeRules.Refused r ? r.reason() : null);
            can.put(
                    "CHANGE_EXECUTE",
                    can.getOrDefault("CHANGE_EXECUTE", false) && ready instanceof ChangeRules.Allowed);
            can.put(
                    "CHANGE_PROCESSES_VERIFY",
                    can.getOrDefault("CHANGE_PROCESSES_VERIFY", false)
                            && ChangeRules.verifyProcesses(c.kind(), c.status(), c.processesVerifiedAt() != null)
                                    instanceof ChangeRules.Allowed);
        }
        model.addAttribute(
                "postCandidates",
                snapshots(access, c.incident()).stream()
                        .filter(i -> i.receivedAt().isAfter(c.requestedAt()))
                        .toList());
        return "changes/change";
    }

    @PostMapping("/changes/{id}/approvals")
    @Guard(Action.CHANGE_APPROVE)
    String decide(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String decision,
            @RequestParam(required = false) @Nullable String comment,
            HttpServletResponse response,
            Model model) {
        return step(access, id, "decision", response, model, Map.of("comment", text(comment)), () -> {
            if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
                throw DomainException.unprocessable("bad-decision", "decision: APPROVE or REJECT; got " + decision);
            }
            changes.decide(id, "APPROVE".equals(decision), text(comment), access.caller());
        });
    }

    @PostMapping("/changes/{id}/acknowledgements")
    @Guard(Action.CHANGE_ACKNOWLEDGE)
    String acknowledge(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String comment,
            HttpServletResponse response,
            Model model) {
        return textStep(
                access,
                id,
                new TextField("acknowledgement", "comment", comment),
                response,
                model,
                c -> changes.acknowledge(id, c, access.caller()));
    }

    @PostMapping("/changes/{id}/execution")
    @Guard(Action.CHANGE_EXECUTE)
    String execute(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable List<String> postSnapshots,
            @RequestParam(required = false) @Nullable String notes,
            HttpServletResponse response,
            Model model) {
        return step(
                access,
                id,
                "execution",
                response,
                model,
                Map.of("notes", text(notes), "postSnapshots", postSnapshots == null ? List.of() : postSnapshots),
                () -> changes.execute(
                        id, postSnapshots == null ? List.of() : postSnapshots, text(notes), access.caller()));
    }

    @PostMapping("/changes/{id}/withdrawal")
    @Guard(Action.CHANGE_WITHDRAW)
    String withdraw(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String reason,
            HttpServletResponse response,
            Model model) {
        return textStep(
                access,
                id,
                new TextField("withdrawal", "reason", reason),
                response,
                model,
                r -> changes.withdraw(id, r, access.caller()));
    }

    /** A step's form ({@code form}) with one text field, as sent. */
    private record TextField(
            String form, String field, @Nullable String value) {}

    /** A step whose form has one text field: {@link #step} with the field's text, stripped. */
    private String textStep(
            Access access,
            String id,
            TextField f,
            HttpServletResponse response,
            Model model,
            java.util.function.Consumer<String> action) {
        String value = text(f.value());
        return step(access, id, f.form(), response, model, Map.of(f.field(), value), () -> action.accept(value));
    }

    @PostMapping("/changes/{id}/process-verifications")
    @Guard(Action.CHANGE_PROCESSES_VERIFY)
    String verifyProcesses(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable List<String> processes,
            @RequestParam(required = false) @Nullable String comment,
            HttpServletResponse response,
            Model model) {
        return step(
                access,
                id,
                "processes",
                response,
                model,
                Map.of("comment", text(comment), "processes", processes == null ? List.of() : processes),
                () -> {
                    // the page ticks every process: none ticked is none verified (the API's empty list means all)
                    if (processes == null || processes.isEmpty()) {
                        throw DomainException.unprocessable(
                                "processes-incomplete",
                                "processes: tick each business process once it is verified; every one the change"
                                        + " named must be");
                    }
                    changes.verifyProcesses(id, processes, text(comment), access.caller());
                });
    }

    /**
     * Runs one step through the service: redirects to the change (POST-redirect-GET), or shows the
     * page again with the refusal beside {@code form} and the refusal's status (403, 409, 422), the
     * form filled with what was sent ({@code input}).
     */
    private String step(
            Access access,
            String id,
            String form,
            HttpServletResponse response,
            Model model,
            Map<String, Object> input,
            Runnable action) {
        try {
            action.run();
            return "redirect:/changes/" + id + "#" + anchor(form);
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND || e.kind() == DomainException.Kind.SERVICE_UNAVAILABLE) {
                throw e;
            }
            response.setStatus(Problems.status(e.kind()).value());
            model.addAttribute("problem", Problems.type(e.code()).toString());
            model.addAttribute("input", Map.of(form, input));
            return page(access, existing(id), model, Map.of(form, e.getMessage()));
        }
    }

    /**
     * Where the page opens after a step: the form's section when the page still shows it (the
     * business processes), else what the step changed (the result of an execution, the steps).
     */
    static String anchor(String form) {
        return switch (form) {
            case "processes" -> "processes";
            case "execution" -> "result";
            default -> "steps";
        };
    }

    private Change existing(String id) {
        return changes.find(id).orElseThrow(() -> DomainException.notFound("change", id));
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s.strip();
    }

    // ------------------------------------------------------------------ retests

    @GetMapping("/incidents/{id}/retests")
    @Guard(Action.RETESTS_READ)
    String retests(Access access, @PathVariable String id, Model model) {
        header.fill(access, id, model, "changes");
        var bill = changes.retests(id, c -> views.executionOpen(c, access), access.caller());
        model.addAttribute("bill", bill);
        model.addAttribute("tally", Retests.Tally.of(bill.retests()));
        model.addAttribute("period", register.period(id).orElse(null));
        return "changes/retests";
    }

    /** The retests as CSV for the audit firm: the API's export ({@code ?format=csv}). */
    @GetMapping("/incidents/{id}/retests/download")
    @Guard(Action.RETESTS_READ)
    ResponseEntity<String> retestsCsv(Access access, @PathVariable String id) throws IOException {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"retests-" + id + ".csv\"")
                .body(ChangeController.csv(changes.retests(id, c -> views.executionOpen(c, access), access.caller())));
    }

    // ------------------------------------------------------------------ the control-test register

    @GetMapping("/incidents/{id}/control-tests")
    @Guard(Action.CONTROL_TESTS_READ)
    String register(Access access, @PathVariable String id, Model model) {
        header.fill(access, id, model, "changes");
        ControlTests.Readable readable = register.register(id, access.caller());
        model.addAttribute("tests", readable.tests());
        model.addAttribute("withheld", readable.withheld());
        model.addAttribute("period", register.period(id).orElse(null));
        return "changes/register";
    }

    /** The import form: the audit liaison's, or an administrator's (who sees nothing else of the incident). */
    @GetMapping("/incidents/{id}/control-tests/import")
    @Guard(Action.CONTROL_TESTS_IMPORT)
    String importForm(Access access, @PathVariable String id, Model model) {
        importHeader(access, id, model);
        model.addAttribute("period", register.period(id).orElse(null));
        return "changes/import";
    }

    /**
     * The observation period set from the import page ({@code start}, {@code end} as 2026-01-01); a
     * refusal is shown beside its form with its status, nothing recorded.
     */
    @PostMapping("/incidents/{id}/observation-period")
    @Guard(Action.OBSERVATION_PERIOD_SET)
    String setPeriod(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String start,
            @RequestParam(required = false) @Nullable String end,
            HttpServletResponse response,
            Model model) {
        importHeader(access, id, model);
        try {
            register.setPeriod(id, start, end, access.caller());
            return "redirect:/incidents/" + id + "/control-tests/import?period=set";
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                throw e;
            }
            response.setStatus(Problems.status(e.kind()).value());
            model.addAttribute("periodError", e.getMessage());
            model.addAttribute("periodStart", start);
            model.addAttribute("periodEnd", end);
        }
        model.addAttribute("period", register.period(id).orElse(null));
        return "changes/import";
    }

    /** The incident's header for a member; an administrator who is no member sees only its id (as on members). */
    private void importHeader(Access access, String id, Model model) {
        if (access.caller().member()) {
            header.fill(access, id, model, "changes");
        } else {
            model.addAttribute("incidentId", id);
        }
    }

    /**
     * The register's CSV posted as {@code multipart/form-data} (field {@code file}); a refusal (a
     * line at fault, a file too large) is shown beside the form with its status, nothing imported.
     */
    @PostMapping("/incidents/{id}/control-tests")
    @Guard(Action.CONTROL_TESTS_IMPORT)
    String importRegister(
            Access access,
            @PathVariable String id,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        importHeader(access, id, model);
        try {
            MultipartForm form = new MultipartForm(request.getContentType(), request.getInputStream());
            String name = "control-test-register.csv";
            byte[] csv = null;
            for (MultipartForm.Part part = form.next(); part != null; part = form.next()) {
                if (part.isFile() && part.name().equals("file") && csv == null) {
                    if (part.filename() != null && !part.filename().isBlank()) {
                        name = baseName(part.filename());
                    }
                    try (InputStream in = part.body()) {
                        csv = in.readNBytes(ChangeController.MAX_REGISTER_BYTES + 1);
                    }
                } else if (!part.isFile()) {
                    part.text(MAX_FIELD_BYTES);
                }
            }
            if (csv == null || csv.length == 0) {
                throw DomainException.unprocessable("csv-empty", "file: choose the register's CSV file");
            }
            ControlTests.Imported r = register.importRegister(id, csv, name, access.caller());
            return "redirect:/incidents/" + id + "/control-tests/import?imported=" + r.imported() + "&skipped="
                    + r.skipped();
        } catch (MultipartForm.MalformedException e) {
            response.setStatus(422);
            model.addAttribute("importError", "file: " + e.getMessage());
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                throw e;
            }
            response.setStatus(Problems.status(e.kind()).value());
            model.addAttribute("importError", e.getMessage());
        }
        model.addAttribute("period", register.period(id).orElse(null));
        return "changes/import";
    }

    /** The last segment of a browser's file name (so without "!/"), at most 255 characters. */
    static String baseName(String filename) {
        String base = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1)
                .strip();
        if (base.isEmpty()) {
            return "control-test-register.csv";
        }
        return base.length() > 255 ? base.substring(0, 255) : base;
    }
}
