package dev.tandem.server.regulation;

import dev.tandem.regulation.InvalidScopeException;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Scope, judgements and obligations of an incident (docs/obligations-api.md). */
@RestController
class ObligationController {
    private final Obligations obligations;
    private final ObligationViews views;

    ObligationController(Obligations obligations, ObligationViews views) {
        this.obligations = obligations;
        this.views = views;
    }

    @PutMapping("/api/v1/incidents/{id}/scope")
    @Guard(Action.SCOPE_CHANGE)
    ObjectNode putScope(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        obligations.incident(id);
        Scope scope;
        try {
            scope = Scope.fromJson(body);
        } catch (InvalidScopeException e) {
            throw DomainException.unprocessable("bad-scope", e.getMessage());
        }
        CounselDecisions.scope(access, obligations, id, scope);
        obligations.updateScope(id, scope, access.username());
        return list(access, id);
    }

    @GetMapping("/api/v1/incidents/{id}/scope")
    @Guard(Action.SCOPE_READ)
    ObjectNode getScope(Access access, @PathVariable String id) {
        obligations.incident(id);
        var stored = obligations
                .scopeOf(id)
                .orElseThrow(() -> new DomainException(
                        DomainException.Kind.NOT_FOUND,
                        "no-scope",
                        "No scope",
                        "incident " + id + " has no scope yet: PUT /api/v1/incidents/" + id + "/scope"));
        if (ObligationViews.withheld(stored, access)) {
            throw DomainException.forbidden("the scope of incident " + id + " rests on FORENSIC evidence (a PII scan):"
                    + " it is LEGAL's and the incident commander's to read until a person sets it");
        }
        ObjectNode n = obligations.scopeJson(stored.scope());
        n.put("updatedAt", stored.updatedAt().toString());
        n.put("updatedBy", stored.updatedBy());
        n.put("ledgerIndex", stored.ledgerIndex());
        return n;
    }

    /**
     * Sets the incident's facts that move legal clocks (docs/contracts.md §4): {@code
     * {"determinedAt":"<RFC 3339>"|null,"unauthorizedAccess":true|false}}; answers the obligations
     * recomputed with them, and {@code facts}.
     */
    @PutMapping("/api/v1/incidents/{id}/facts")
    @Guard(Action.SCOPE_CHANGE)
    ObjectNode putFacts(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        obligations.incident(id);
        IncidentFacts facts = IncidentFacts.fromJson(body);
        obligations.checkFacts(id, facts);
        CounselDecisions.facts(access, obligations, id, facts);
        var computation = obligations.setFacts(id, facts, access.username());
        ObjectNode root = list(access, id);
        root.put("recomputed", computation != null);
        return root;
    }

    /**
     * Sets or corrects when the company became aware ({@code {"awareAt":"<RFC 3339>","reason":…}}):
     * every deadline runs from it; answers the obligations recomputed with it (docs/obligations-api.md).
     */
    @PutMapping("/api/v1/incidents/{id}/awareness")
    @Guard(Action.SCOPE_CHANGE)
    ObjectNode putAwareness(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        obligations.incident(id);
        if (!body.path("awareAt").isString()) {
            throw DomainException.unprocessable("bad-aware-at", "awareAt: give an RFC 3339 time with an offset");
        }
        Instant awareAt =
                dev.tandem.server.incident.EntryDraft.time(body.path("awareAt").asString(), "awareAt");
        Instant previous = obligations.incident(id).awareAt();
        var computation = obligations.setAwareness(
                id,
                awareAt,
                body.path("reason").isString() ? body.path("reason").asString() : "",
                access.username(),
                CounselDecisions.mayMoveAwarenessLater(access, id));
        ObjectNode root = list(access, id);
        root.put("recomputed", computation != null);
        if (previous != null && awareAt.isAfter(previous)) {
            // said loudly: moving awareness later gives every notice more time
            ObjectNode moved = root.putObject("awarenessMovedLater")
                    .put("awareAt", awareAt.toString())
                    .put("previous", previous.toString());
            String warning = dev.tandem.server.ledger.fact.IncidentAwarenessSet.movedLater(moved, Instant::toString)
                    .orElseThrow();
            moved.put("warning", warning);
            if (root.get("warnings") instanceof tools.jackson.databind.node.ArrayNode warnings) {
                warnings.add(warning);
            } else {
                root.putArray("warnings").add(warning);
            }
        }
        return root;
    }

    /** The incident's facts as set, or the defaults (not determined, not unauthorized access) with {@code set:false}. */
    @GetMapping("/api/v1/incidents/{id}/facts")
    @Guard(Action.SCOPE_READ)
    ObjectNode getFacts(Access access, @PathVariable String id) {
        obligations.incident(id);
        return views.facts(id);
    }

    /** The incident's obligations as the caller may see them ({@link ObligationViews#list}). */
    @GetMapping("/api/v1/incidents/{id}/obligations")
    @Guard(Action.OBLIGATIONS_READ)
    ObjectNode list(Access access, @PathVariable String id) {
        return views.list(access, id);
    }

    record JudgementRequest(
            @Nullable String question,
            @Nullable String answer,
            @Nullable String reason,
            @Nullable JsonNode privileged,
            @Nullable JsonNode decidedAt) {}

    @PostMapping("/api/v1/incidents/{id}/judgements")
    @Guard(Action.JUDGEMENT_RECORD)
    ResponseEntity<ObjectNode> judge(Access access, @PathVariable String id, @RequestBody JudgementRequest body) {
        obligations.incident(id);
        ObligationInput.Judgement j = ObligationInput.judgement(body.question(), body.answer(), body.reason());
        CounselDecisions.judgement(access, obligations, id, j.question(), j.answer());
        boolean privileged = privileged(body.privileged());
        var computation = obligations.recordJudgement(
                id,
                j.question(),
                j.answer(),
                j.reason(),
                time(body.decidedAt(), "decidedAt", "bad-decided-at"),
                privileged,
                access.username());
        ObjectNode root = list(access, id);
        root.put("recomputed", computation != null);
        return ResponseEntity.status(HttpStatus.CREATED).body(root);
    }

    /**
     * An optional time of a request ({@code decidedAt}, {@code sentAt}): an RFC 3339 time with its
     * offset, or absent or null for now; else a 422 of {@code problem} naming {@code field}.
     */
    static @Nullable Instant time(@Nullable JsonNode value, String field, String problem) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            try {
                return OffsetDateTime.parse(value.asString().strip()).toInstant();
            } catch (DateTimeParseException e) {
                // the refusal below names the value
            }
        }
        throw DomainException.unprocessable(
                problem, field + ": " + value + " is not an RFC 3339 time with an offset, e.g. 2026-11-27T10:00:00Z");
    }

    /** Judgements; their reasons are counsel's and the commander's to read. */
    @GetMapping("/api/v1/incidents/{id}/judgements")
    @Guard(Action.JUDGEMENTS_READ)
    ObjectNode judgements(Access access, @PathVariable String id) {
        return views.judgements(access, id);
    }

    @GetMapping("/api/v1/obligations/{id}")
    @Guard(Action.OBLIGATION_READ)
    ObjectNode get(Access access, @PathVariable String id) {
        return views.one(access, id);
    }

    @PutMapping("/api/v1/obligations/{id}/owner")
    @Guard(Action.OBLIGATION_CHANGE)
    ObjectNode owner(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        obligations.obligation(id);
        if (!body.isObject()
                || !body.has("owner")
                || !(body.get("owner").isString() || body.get("owner").isNull())) {
            throw DomainException.unprocessable("bad-owner", "owner: give {\"owner\":\"<username>\"} (null unassigns)");
        }
        String owner =
                body.get("owner").isNull() ? null : body.get("owner").asString().strip();
        if (owner != null && owner.isEmpty()) {
            throw DomainException.unprocessable("bad-owner", "owner: a username is required (null unassigns)");
        }
        return views.view(obligations.assignOwner(id, owner, access.username()));
    }

    record StatusRequest(
            @Nullable String status,
            @Nullable String evidence,
            @Nullable String justification,
            @Nullable JsonNode privileged,
            @Nullable JsonNode sentAt) {}

    @PostMapping("/api/v1/obligations/{id}/status")
    @Guard(Action.OBLIGATION_CHANGE)
    ObjectNode status(Access access, @PathVariable String id, @RequestBody StatusRequest body) {
        StoredObligation o = obligations.obligation(id);
        Lifecycle.Status target = ObligationInput.status(body.status());
        CounselDecisions.status(access, o.incidentId(), target);
        ObligationInput.justification(body.justification());
        boolean privileged = privileged(body.privileged());
        return views.view(obligations.changeStatus(
                id,
                target,
                body.evidence() == null ? null : body.evidence().strip(),
                body.justification() == null ? null : body.justification().strip(),
                privileged,
                time(body.sentAt(), "sentAt", "bad-sent-at"),
                access.username()));
    }

    /**
     * Whether the entry's reason or justification is privileged in the ledger: LEGAL chooses per
     * entry, and absent a choice it is (ADR 062).
     */
    private static boolean privileged(@Nullable JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (!value.isBoolean()) {
            throw DomainException.unprocessable("bad-privileged", "privileged must be true or false, got " + value);
        }
        return value.asBoolean();
    }
}
