package dev.tandem.server.evidence;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.AccessPolicy;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Decision;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import dev.tandem.server.access.UploadRepository;
import dev.tandem.server.incident.Incident;
import dev.tandem.server.incident.IncidentHeader;
import dev.tandem.server.incident.Timeline;
import dev.tandem.server.incident.TimelineQuery;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.pii.PiiScans;
import dev.tandem.server.web.Confirmation;
import dev.tandem.server.web.FormTokens;
import dev.tandem.server.web.MultipartForm;
import dev.tandem.server.web.Problems;
import dev.tandem.server.web.Times;
import dev.tandem.server.web.WebPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import tools.jackson.databind.JsonNode;

/**
 * The evidence pages (docs/web.md): an incident's items per repository with the upload form, one
 * item with its custody history, and its download. Items are shown through {@link EvidenceView},
 * as the API answers them: a FORENSIC item the caller may not read is its stub. The upload streams
 * the form's file into the vault ({@link MultipartForm}, ADR 071) through the same {@link Intake}
 * as the API's upload.
 */
@WebPages
class EvidencePages {
    private static final Logger log = LoggerFactory.getLogger(EvidencePages.class);
    /** Evidence entries on the timeline: the custody history of an item. */
    private static final TimelineQuery CUSTODY = new TimelineQuery(
            TimelineQuery.Order.AT,
            Set.of(),
            Set.of(
                    "evidence.added",
                    "evidence.read",
                    "incident.exported",
                    "evidence.pulled-back",
                    "grant.added",
                    "grant.revoked"),
            null,
            null,
            null,
            null);

    /** A text field of the form, at most (the description's 4000 characters in UTF-8, with room). */
    private static final int MAX_FIELD_BYTES = 16 * 1024;

    private static final int MAX_FIELDS = 32;

    private final Vault vault;
    private final Intake intake;
    private final Ledger ledger;
    private final Timeline timeline;
    private final IncidentHeader header;
    private final PiiScans scans;
    private final PullBacks pullBacks;

    EvidencePages(
            Vault vault,
            Intake intake,
            Ledger ledger,
            Timeline timeline,
            IncidentHeader header,
            PiiScans scans,
            PullBacks pullBacks) {
        this.vault = vault;
        this.intake = intake;
        this.ledger = ledger;
        this.timeline = timeline;
        this.header = header;
        this.scans = scans;
        this.pullBacks = pullBacks;
    }

    /** An item as listed: in full, or its stub (exactly one of the two). */
    record Row(EvidenceView.@Nullable Full full, EvidenceView.@Nullable Stub stub) {
        static Row of(EvidenceView v) {
            return switch (v) {
                case EvidenceView.Full f -> new Row(f, null);
                case EvidenceView.Stub s -> new Row(null, s);
            };
        }

        public String id() {
            return full != null ? full.id() : stub.id();
        }
    }

    @GetMapping("/incidents/{id}/evidence")
    @Guard(Action.EVIDENCE_LIST)
    String list(Access access, @PathVariable String id, Model model) {
        header.fill(access, id, model, "evidence");
        Map<Repository, List<Row>> byRepository = new LinkedHashMap<>();
        byRepository.put(Repository.AUDIT, new ArrayList<>());
        byRepository.put(Repository.FORENSIC, new ArrayList<>());
        for (EvidenceItem e : vault.ofIncident(id)) {
            byRepository.get(e.repository()).add(Row.of(EvidenceView.of(e, access, ledger)));
        }
        model.addAttribute("audit", byRepository.get(Repository.AUDIT));
        model.addAttribute("forensic", byRepository.get(Repository.FORENSIC));
        model.addAttribute("kinds", EvidenceKind.values());
        // FORENSIC first and pre-selected, as the API and the CLI default (docs/contracts.md): an item
        // filed to AUDIT by mistake is read by the auditor
        List<Repository> addable = new ArrayList<>();
        for (Repository r : List.of(Repository.FORENSIC, Repository.AUDIT)) {
            if (AccessPolicy.decide(access.caller(), Action.EVIDENCE_ADD, Resource.upload(id, r))
                    instanceof Decision.Permit) {
                addable.add(r);
            }
        }
        model.addAttribute("addable", addable);
        model.addAttribute("maxBytes", intake.maxBytes());
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", Map.of());
        }
        return "evidence/list";
    }

    /** The privilege log (docs/web.md, ADR 157): the API's log as a table, with its CSV download. */
    @GetMapping("/incidents/{id}/privilege-log")
    @Guard(Action.PRIVILEGE_LOG_READ)
    String privilegeLog(Access access, @PathVariable String id, Model model) {
        header.fill(access, id, model, "evidence");
        model.addAttribute("log", EvidenceController.privilegeLog(vault, pullBacks, id));
        return "evidence/privilege-log";
    }

    /** The page's CSV download: the API's CSV, under the same decision. */
    @GetMapping("/incidents/{id}/privilege-log/download")
    @Guard(Action.PRIVILEGE_LOG_READ)
    ResponseEntity<String> privilegeLogCsv(@PathVariable String id) {
        return EvidenceController.privilegeLogCsv(EvidenceController.privilegeLog(vault, pullBacks, id));
    }

    /**
     * The upload form, posted as {@code multipart/form-data} with the file last (browsers send the
     * fields in the form's order): the fields are read and checked, the caller's right to add to
     * the repository asked, then the file streamed into the vault. A form error answers the form
     * again (422, or 413/507 for the size) with a message naming the field.
     */
    @PostMapping("/incidents/{id}/evidence")
    @Guard(Action.EVIDENCE_ADD)
    String upload(
            Access access,
            @PathVariable String id,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        Incident incident = header.fill(access, id, model, "evidence");
        Map<String, String> fields = new LinkedHashMap<>();
        MultipartForm form;
        try {
            form = new MultipartForm(request.getContentType(), request.getInputStream());
        } catch (MultipartForm.MalformedException e) {
            return again(access, id, model, response, fields, 422, "file: " + e.getMessage());
        }
        try {
            for (int n = 0; ; n++) {
                MultipartForm.Part part = form.next();
                if (part == null) {
                    return again(access, id, model, response, fields, 422, "file: choose a file to upload");
                }
                if (!part.isFile()) {
                    if (n >= MAX_FIELDS) {
                        throw new MultipartForm.MalformedException("the form has more than " + MAX_FIELDS + " fields");
                    }
                    fields.put(part.name(), part.text(MAX_FIELD_BYTES));
                    continue;
                }
                if (!part.name().equals("file")) {
                    continue;
                }
                // one item per form drawn (FormTokens): the token is a field, read before the file
                boolean[] received = {false};
                String view = FormTokens.once(request, fields.get(FormTokens.PARAM), () -> {
                    received[0] = true;
                    try {
                        return receive(access, incident, part, form, fields, request, response, model);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                if (!received[0]) {
                    drain(form); // sent again: the file is read and dropped, the browser answered
                }
                return view;
            }
        } catch (MultipartForm.MalformedException e) {
            return again(access, id, model, response, fields, 422, e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof MultipartForm.MalformedException m) {
                return again(access, id, model, response, fields, 422, m.getMessage());
            }
            throw e.getCause();
        }
    }

    private String receive(
            Access access,
            Incident incident,
            MultipartForm.Part file,
            MultipartForm form,
            Map<String, String> fields,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        String id = incident.id();
        Vault.Metadata meta;
        try {
            Repository repository = UploadRepository.parse(fields.get(UploadRepository.PARAMETER));
            // the policy was asked before the body was read, without the repository: now with it
            access.require(Action.EVIDENCE_ADD, Resource.upload(id, repository), "incident", id);
            if (file.filename() == null || file.filename().isEmpty()) {
                throw DomainException.unprocessable("empty-evidence", "file: choose a file to upload");
            }
            OffsetDateTime collected = Times.fromForm(fields.get("collectedAt"), incident.timeZone(), "collectedAt");
            intake.collectedAt(collected == null ? null : collected.toInstant());
            String name = fields.getOrDefault("name", "").strip();
            meta = Intake.metadata(
                    id,
                    repository,
                    fields.get("kind"),
                    name.isEmpty() ? baseName(file.filename()) : name,
                    blankToNull(fields.get("source")),
                    blankToNull(fields.get("description")),
                    collected == null ? null : collected.toInstant());
            meta = meta.withPrivilegeBasis(Intake.privilegeBasis(repository, fields.get("privilegeBasis")));
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.UNPROCESSABLE_CONTENT) {
                throw e;
            }
            drain(form);
            return again(access, id, model, response, fields, 422, e.getMessage());
        } catch (IllegalArgumentException e) {
            drain(form);
            return again(access, id, model, response, fields, 422, e.getMessage());
        }
        EvidenceItem item;
        try {
            Storage.Allowance allowance = intake.allowance(id, request.getContentLengthLong());
            PushbackInputStream in = new PushbackInputStream(file.body(), 1);
            int first = in.read();
            if (first < 0) {
                drain(form);
                return again(access, id, model, response, fields, 422, "file: the file is empty");
            }
            in.unread(first);
            item = intake.store(meta, in, allowance, access.username());
        } catch (DomainException e) {
            // too large (413) or no room (507): answered at once, the rest of the body unread
            HttpStatus status = Problems.status(e.kind());
            return again(access, id, model, response, fields, status.value(), "file: " + e.getMessage());
        } catch (MultipartForm.MalformedException e) {
            return again(access, id, model, response, fields, 422, e.getMessage());
        } catch (IOException e) {
            // the browser went away mid-file: nothing was recorded, and nobody reads an answer
            log.warn("upload to incident {} from a page abandoned, nothing recorded: {}", id, e.toString());
            return again(access, id, model, response, fields, 400, "file: the upload was cut off; nothing was stored");
        }
        // what may follow the file (nothing, in the page's form) is read and ignored
        drain(form);
        return "redirect:/evidence/" + item.id() + "?added";
    }

    /** Reads the rest of the body, so that the browser, still sending it, gets the answer. */
    private static void drain(MultipartForm form) throws IOException {
        while (form.next() != null) {
            // each part's body is skipped by next()
        }
    }

    private String again(
            Access access,
            String id,
            Model model,
            HttpServletResponse response,
            Map<String, String> fields,
            int status,
            String message) {
        response.setStatus(status);
        model.addAttribute("uploadError", message);
        Map<String, String> draft = new LinkedHashMap<>(fields);
        draft.remove("_csrf");
        draft.remove(FormTokens.PARAM);
        model.addAttribute("draft", draft);
        return list(access, id, model);
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The file's own name: browsers send no folders, older ones a Windows path. */
    static String baseName(@Nullable String filename) {
        if (filename == null) {
            return "";
        }
        int slash = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\'));
        return filename.substring(slash + 1);
    }

    /**
     * One item: in full with its hash, size, kind, who collected and uploaded it and when, or its
     * stub; its custody history (every {@code evidence.added} and {@code evidence.read} entry for
     * it, every {@code incident.exported} that carried it, and every grant that let a responder read
     * it, as the caller's timeline shows them);
     * its latest PII scan where the caller may read it.
     */
    @GetMapping("/evidence/{id}")
    @Guard(Action.EVIDENCE_METADATA)
    String item(Access access, @PathVariable String id, Model model) {
        EvidenceItem item = vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id));
        header.fill(access, item.incidentId(), model, "evidence");
        Row row = Row.of(EvidenceView.of(item, access, ledger));
        model.addAttribute("item", row);
        boolean readable = access.mayRead(item.id(), item.repository());
        model.addAttribute("readable", readable);
        model.addAttribute(
                "mayScan",
                AccessPolicy.decide(access.caller(), Action.PII_SCAN_START, access.resource())
                        instanceof Decision.Permit);
        List<Timeline.Entry> custody = new ArrayList<>();
        boolean unattributed = false;
        for (Timeline.Entry e : timeline.read(item.incidentId(), CUSTODY, access.caller())) {
            JsonNode body = e.opened() != null ? e.opened() : e.body();
            // a grant names the item, or (evidence null) every FORENSIC item of the incident
            boolean grantOfEvery = e.type().startsWith("grant.")
                    && body.path("evidence").isNull()
                    && item.repository() == Repository.FORENSIC;
            if (e.index() == item.ledgerIndex()
                    || grantOfEvery
                    || dev.tandem.server.report.Reader.evidenceNamedBy(body).contains(id)) {
                custody.add(e);
            } else if (e.privileged() && e.opened() == null) {
                unattributed = true;
            }
        }
        model.addAttribute("custody", custody);
        // reads of FORENSIC items are commitments to whoever does not open them: which item they
        // concern is not shown to this caller
        model.addAttribute("unattributed", unattributed && item.repository() == Repository.FORENSIC);
        JsonNode scan = readable ? scans.latest(item).orElse(null) : null;
        model.addAttribute("scan", scan);
        model.addAttribute("scanSubjects", scan == null ? List.of() : PiiScans.subjects(scan));
        // a pull back is a public entry: every member reads who moved the item, why and what it had exposed
        model.addAttribute("pulledBack", pullBacks.entry(item));
        if (!model.containsAttribute("pullBackDraft")) {
            model.addAttribute("pullBackDraft", "");
        }
        return "evidence/item";
    }

    /**
     * Counsel pulls an AUDIT item filed by mistake back to FORENSIC (docs/web.md, "Actions that ask
     * first"): the item page's form posts the reason here; without {@code confirm=yes} this draws the
     * question, with what the item has exposed so far, and changes nothing; with it, the move is
     * recorded and the item page shows what had been exposed. A missing or overlong reason draws the
     * item page again (422) with the message naming the field.
     */
    @PostMapping("/incidents/{id}/evidence/{evidenceId}/pull-back")
    @Guard(Action.EVIDENCE_PULL_BACK)
    String pullBack(
            Access access,
            @PathVariable String id,
            @PathVariable String evidenceId,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String reason,
            @org.springframework.web.bind.annotation.RequestParam(name = Confirmation.CONFIRM, required = false)
                    @Nullable
                    String confirm,
            HttpServletResponse response,
            Model model) {
        EvidenceItem item = vault.find(evidenceId)
                .filter(e -> e.incidentId().equals(id))
                .orElseThrow(() -> DomainException.notFound("evidence", evidenceId));
        String why;
        try {
            why = PullBacks.reason(reason);
        } catch (DomainException e) {
            response.setStatus(422);
            model.addAttribute("pullBackError", e.getMessage());
            model.addAttribute("pullBackDraft", reason == null ? "" : reason);
            return item(access, evidenceId, model);
        }
        if (Confirmation.confirmed(confirm)) {
            pullBacks.pullBack(id, evidenceId, why, access.username());
            return "redirect:/evidence/" + evidenceId + "?pulledBack";
        }
        header.fill(access, id, model, "evidence");
        Exposure exposure = pullBacks.exposure(item);
        List<String> consequences = new ArrayList<>();
        consequences.add(item.name() + " moves from AUDIT to FORENSIC: from now on the auditor and the audit liaison"
                + " see only that it exists, responders read it only if you grant it, and export bags and the"
                + " audit-continuity report no longer carry it as auditor evidence.");
        consequences.add("Nothing is deleted or edited: a new ledger entry (evidence.pulled-back) records the move,"
                + " your reason and what had been exposed. It is not privileged: the auditor reads it, your reason"
                + " included.");
        consequences.add(
                exposure.none()
                        ? "Nothing has been exposed so far: no one read its content and no export bag carried it."
                        : "Exposed so far: " + exposed(exposure) + ". What was read or downloaded cannot be undone by"
                                + " this; ask those who hold copies to return or destroy them.");
        model.addAttribute(
                "confirmation",
                new Confirmation(
                        "Pull back " + item.name() + "? · Evidence",
                        "Pull " + item.name() + " back to FORENSIC?",
                        consequences,
                        "/incidents/" + id + "/evidence/" + evidenceId + "/pull-back",
                        Map.of("reason", why),
                        "Pull back to FORENSIC",
                        "/evidence/" + evidenceId,
                        "Leave it in AUDIT",
                        item.repository() == Repository.AUDIT ? null : item.name() + " is FORENSIC already."));
        return Confirmation.VIEW;
    }

    /** "2 reads of its content (auditor, liaison) and 1 export bag": what the question says was exposed. */
    static String exposed(Exposure exposure) {
        java.util.TreeSet<String> readers = new java.util.TreeSet<>();
        exposure.reads().forEach(r -> readers.add(r.actor()));
        java.util.TreeSet<String> exporters = new java.util.TreeSet<>();
        exposure.exports().forEach(x -> exporters.add(x.actor()));
        int reads = exposure.reads().size();
        int exports = exposure.exports().size();
        return reads + (reads == 1 ? " read" : " reads") + " of its content"
                + (readers.isEmpty() ? "" : " (" + String.join(", ", readers) + ")") + " and " + exports
                + (exports == 1 ? " export bag" : " export bags")
                + (exporters.isEmpty() ? "" : " (downloaded by " + String.join(", ", exporters) + ")");
    }

    /** The content, its read recorded first, as {@code GET /api/v1/evidence/{id}/content}. */
    @GetMapping("/evidence/{id}/content")
    @Guard(Action.EVIDENCE_CONTENT)
    ResponseEntity<InputStreamResource> content(Access access, @PathVariable String id, HttpServletRequest request)
            throws IOException {
        EvidenceItem item = vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id));
        return EvidenceController.content(vault, item, access.username(), request);
    }
}
