package dev.tandem.server.portal;

import static dev.tandem.server.change.ChangeJson.object;
import static dev.tandem.server.change.ChangeJson.strings;
import static dev.tandem.server.change.ChangeJson.text;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.change.Changes;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.incident.Timeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Evidence requests and the verified checkpoint, docs/contracts.md §5.1. */
@RestController
class EvidenceRequestController {
    private final EvidenceRequests requests;
    private final VerifiedCheckpoints checkpoints;
    private final Incidents incidents;
    private final Changes changes;
    private final Timeline timeline;

    EvidenceRequestController(
            EvidenceRequests requests,
            VerifiedCheckpoints checkpoints,
            Incidents incidents,
            Changes changes,
            Timeline timeline) {
        this.requests = requests;
        this.checkpoints = checkpoints;
        this.incidents = incidents;
        this.changes = changes;
        this.timeline = timeline;
    }

    /**
     * An item an answer linked, as the caller may see it: in full, or, for one counsel pulled back
     * to FORENSIC since and the caller may not read, only its id, repository and the {@code
     * evidence.pulled-back} entry, as its metadata's stub (docs/contracts.md §5.1).
     */
    sealed interface LinkedView permits Linked, Withheld {
        static List<LinkedView> of(List<EvidenceItem> items, Access access) {
            return items.stream()
                    .<LinkedView>map(e -> access.mayRead(e.id(), e.repository())
                            ? new Linked(
                                    e.id(), e.name(), e.sha256(), e.size(), "/api/v1/evidence/" + e.id() + "/content")
                            : new Withheld(e.id(), e.repository().name(), e.pulledBackIndex()))
                    .toList();
        }
    }

    record Linked(String id, String name, String sha256, long size, String content) implements LinkedView {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Withheld(String id, String repository, @Nullable Long pulledBack) implements LinkedView {}

    /** One step of {@code history}, oldest first (docs/contracts.md §5.1). */
    record StepView(
            String step,
            String text,
            String by,
            String at,
            long ledgerIndex,
            List<LinkedView> evidence,
            List<AnswerLinks.ChangeLink> changes,
            List<AnswerLinks.EntryLink> entries) {
        static StepView of(EvidenceRequests.Stepped s, Access access, AnswerLinks links) {
            return new StepView(
                    s.step().name(),
                    s.text(),
                    s.by(),
                    s.at().toString(),
                    s.ledgerIndex(),
                    LinkedView.of(s.evidence(), access),
                    links.changes(s.changes()),
                    links.entries(s.entries()));
        }
    }

    record RequestView(
            String id,
            String incident,
            String status,
            String text,
            @Nullable String due,
            List<String> controls,
            String requestedBy,
            String requestedAt,
            long ledgerIndex,
            @Nullable String lastStep,
            @Nullable String lastText,
            @Nullable String lastBy,
            @Nullable String lastAt,
            @Nullable Long lastIndex,
            List<LinkedView> evidence,
            List<AnswerLinks.ChangeLink> changes,
            List<AnswerLinks.EntryLink> entries,
            List<StepView> history) {
        static RequestView of(EvidenceRequests.Request r, Access access, AnswerLinks links) {
            return new RequestView(
                    r.id(),
                    r.incident(),
                    r.status().name(),
                    r.text(),
                    r.due() == null ? null : r.due().toString(),
                    r.controls(),
                    r.requestedBy(),
                    r.requestedAt().toString(),
                    r.ledgerIndex(),
                    r.lastStep() == null ? null : r.lastStep().name(),
                    r.lastText(),
                    r.lastBy(),
                    r.lastAt() == null ? null : r.lastAt().toString(),
                    r.lastIndex(),
                    LinkedView.of(r.evidence(), access),
                    links.changes(r.changes()),
                    links.entries(r.entries()),
                    r.history().stream().map(s -> StepView.of(s, access, links)).toList());
        }
    }

    @GetMapping("/api/v1/incidents/{id}/evidence-requests")
    @Guard(Action.AUDIT_PORTAL_READ)
    List<RequestView> list(Access access, @PathVariable String id) {
        AnswerLinks links = links(access, id);
        return requests.ofIncident(id).stream()
                .map(r -> RequestView.of(r, access, links))
                .toList();
    }

    /** The request as the caller sees it, what its answers link included (ADR 111). */
    private RequestView view(Access access, EvidenceRequests.Request r) {
        return RequestView.of(r, access, links(access, r.incident()));
    }

    private AnswerLinks links(Access access, String incident) {
        return new AnswerLinks(changes, timeline, incident, access.caller());
    }

    @PostMapping("/api/v1/incidents/{id}/evidence-requests")
    @Guard(Action.EVIDENCE_REQUEST_FILE)
    @ResponseStatus(HttpStatus.CREATED)
    RequestView file(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        object(body);
        return view(
                access,
                requests.file(
                        id,
                        text(body, "text"),
                        text(body, "due"),
                        strings(body, "controls"),
                        incidents.find(id).orElseThrow().timeZone(),
                        access.username()));
    }

    @GetMapping("/api/v1/evidence-requests/{id}")
    @Guard(Action.EVIDENCE_REQUEST_READ)
    RequestView one(Access access, @PathVariable String id) {
        return view(access, requests.existing(id));
    }

    @PostMapping("/api/v1/evidence-requests/{id}/answer")
    @Guard(Action.EVIDENCE_REQUEST_ANSWER)
    RequestView answer(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        object(body);
        return view(
                access,
                requests.answer(
                        id,
                        strings(body, "evidence"),
                        strings(body, "changes"),
                        indexes(body, "entries"),
                        text(body, "note"),
                        access.username()));
    }

    @PostMapping("/api/v1/evidence-requests/{id}/decline")
    @Guard(Action.EVIDENCE_REQUEST_ANSWER)
    RequestView decline(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        object(body);
        return view(access, requests.decline(id, text(body, "reason"), access.username()));
    }

    @PostMapping("/api/v1/evidence-requests/{id}/accept")
    @Guard(Action.EVIDENCE_REQUEST_REVIEW)
    RequestView accept(Access access, @PathVariable String id, @RequestBody(required = false) @Nullable JsonNode body) {
        // the comment is optional, and so the body
        if (body != null) {
            object(body);
        }
        return view(access, requests.accept(id, body == null ? null : text(body, "comment"), access.username()));
    }

    @PostMapping("/api/v1/evidence-requests/{id}/reopen")
    @Guard(Action.EVIDENCE_REQUEST_REVIEW)
    RequestView reopen(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        object(body);
        return view(access, requests.reopen(id, text(body, "reason"), access.username()));
    }

    /**
     * {@code field} as ledger entry indexes: absent or null for none, else an array of whole numbers
     * (422 {@code bad-entries} naming what is not one).
     */
    static @Nullable List<Long> indexes(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw DomainException.unprocessable(
                    "bad-" + field, field + ": a list of ledger entry indexes (whole numbers), got " + v);
        }
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode n : v) {
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw DomainException.unprocessable(
                        "bad-" + field, field + ": a list of ledger entry indexes (whole numbers), got " + n);
            }
            out.add(n.asLong());
        }
        return out;
    }

    /** The caller's last verified checkpoint of the incident: 404 when they recorded none. */
    @GetMapping("/api/v1/incidents/{id}/verified-checkpoint")
    @Guard(Action.AUDIT_PORTAL_READ)
    Map<String, Object> verified(Access access, @PathVariable String id) {
        return view(
                id,
                checkpoints
                        .find(id, access.username())
                        .orElseThrow(() -> new DomainException(
                                DomainException.Kind.NOT_FOUND,
                                "no-verified-checkpoint",
                                "No verified checkpoint",
                                access.username() + " has recorded no verified checkpoint of incident " + id)));
    }

    /** Records the signed note (the bag's {@code data/ledger/checkpoint}) as the caller's verified checkpoint. */
    @PutMapping(
            path = "/api/v1/incidents/{id}/verified-checkpoint",
            consumes = {MediaType.TEXT_PLAIN_VALUE})
    @Guard(Action.CHECKPOINT_VERIFIED_RECORD)
    Map<String, Object> record(Access access, @PathVariable String id, @RequestBody String note) {
        return view(id, checkpoints.record(id, access.username(), note));
    }

    private static Map<String, Object> view(String incident, VerifiedCheckpoints.Recorded r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("treeSize", r.size());
        m.put("rootHash", r.root());
        m.put("verifiedAt", r.verifiedAt().toString());
        m.put("ledgerIndex", r.ledgerIndex());
        m.put("logSize", r.logSize());
        m.put("consistent", r.consistent());
        m.put("inconsistency", r.inconsistency());
        // the next bag carries the consistency proof from this size (docs/contracts.md §5)
        m.put("export", "/api/v1/incidents/" + incident + "/export?since=" + r.size());
        return m;
    }
}
