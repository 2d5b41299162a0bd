package dev.tandem.server.regulation;

import dev.tandem.regulation.Answer;
import dev.tandem.regulation.InvalidScopeException;
import dev.tandem.regulation.Judgement;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Role;
import dev.tandem.server.incident.Incident;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Scope, judgements and obligations of an incident (docs/obligations-api.md). */
@RestController
class ObligationController {
    static final String DISCLAIMER = "Not legal advice: a starting list for counsel to review.";
    private static final int MAX_TEXT = 4000;

    private final Obligations obligations;
    private final Clock clock;
    private final JsonMapper json;

    ObligationController(Obligations obligations, Clock clock, JsonMapper json) {
        this.obligations = obligations;
        this.clock = clock;
        this.json = json;
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
        if (withheld(stored, access)) {
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
     * The incident's obligations as the caller may see them: the auditor sees each obligation's
     * status and deadline only, and not the scope they were computed from ({@link #forCaller}).
     */
    @GetMapping("/api/v1/incidents/{id}/obligations")
    @Guard(Action.OBLIGATIONS_READ)
    ObjectNode list(Access access, @PathVariable String id) {
        Incident incident = obligations.incident(id);
        Instant now = clock.instant();
        ObjectNode root = json.createObjectNode();
        ArrayNode owed = root.putArray("obligations");
        ArrayNode setAside = root.putArray("notRequired");
        ArrayNode superseded = root.putArray("superseded");
        for (StoredObligation o : obligations.ofIncident(id)) {
            ObjectNode v = forCaller(obligations.render().view(o, incident.timeZone(), now), access);
            switch (o.placement()) {
                case OWED -> owed.add(v);
                case SET_ASIDE -> setAside.add(v);
                case SUPERSEDED -> superseded.add(v);
            }
        }
        var scope = obligations.scopeOf(id).filter(stored -> !withheld(stored, access));
        if (scope.isEmpty()) {
            root.putNull("scope");
        } else {
            root.set("scope", obligations.scopeJson(scope.get().scope()));
        }
        root.put(
                "scopeWithheld",
                obligations.scopeOf(id).map(stored -> withheld(stored, access)).orElse(false));
        ArrayNode warnings = root.putArray("warnings");
        var last = obligations.lastComputation(id);
        last.ifPresent(l -> l.warnings().forEach(warnings::add));
        root.put("asOf", now.toString());
        root.put("computedAt", last.map(l -> l.computedAt().toString()).orElse(null));
        root.put("rulesVersion", last.map(l -> l.rulesVersion()).orElse(null));
        root.put("timeZone", incident.timeZone().getId());
        root.put(
                "command",
                scope.map(s -> command(incident, s.scope(), obligations.latestJudgements(id)))
                        .orElse(null));
        root.put("disclaimer", DISCLAIMER);
        if (access.caller().has(Role.AUDITOR)) {
            // who was affected, where, and the engine's reasoning are not the auditor's to read
            root.remove(List.of("scope", "command", "warnings"));
        }
        return root;
    }

    /**
     * A scope derived from FORENSIC evidence is privileged (ADR 062): its counts per jurisdiction are
     * shown to LEGAL and the incident commander only, until a person sets the scope anew.
     */
    static boolean withheld(Obligations.StoredScope stored, Access access) {
        return stored.restsOnForensic() && !access.caller().privileged();
    }

    /** The fields of an obligation the auditor reads: what is owed, to whom, by when, and its status. */
    static final List<String> AUDITOR_FIELDS = List.of(
            "regime",
            "jurisdiction",
            "recipient",
            "due",
            "dueText",
            "citation",
            "id",
            "status",
            "requirement",
            "missed");

    /**
     * An obligation's view for the caller: in full for the incident commander and LEGAL; without the
     * justification (counsel's reasoning) for responders and the audit liaison; status and deadline
     * only for the auditor.
     */
    static ObjectNode forCaller(ObjectNode v, Access access) {
        if (access.caller().privileged()) {
            return v;
        }
        if (access.caller().has(Role.AUDITOR)) {
            v.retain(AUDITOR_FIELDS);
            return v;
        }
        v.putNull("justification");
        // the judgement that decides the question: its reason is counsel's, as on /judgements
        if (v.path("question").isObject() && v.path("question").has("reason")) {
            ((ObjectNode) v.get("question")).putNull("reason");
        }
        return v;
    }

    record JudgementRequest(
            @Nullable String question,
            @Nullable String answer,
            @Nullable String reason,
            @Nullable JsonNode privileged) {}

    @PostMapping("/api/v1/incidents/{id}/judgements")
    @Guard(Action.JUDGEMENT_RECORD)
    ResponseEntity<ObjectNode> judge(Access access, @PathVariable String id, @RequestBody JudgementRequest body) {
        obligations.incident(id);
        String question = body.question() == null ? "" : body.question().strip().toUpperCase(Locale.ROOT);
        if (question.isEmpty()) {
            throw DomainException.unprocessable("bad-question", "question is required, e.g. HIGH_RISK");
        }
        Answer answer;
        try {
            answer = Answer.valueOf(
                    body.answer() == null ? "" : body.answer().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable("bad-answer", "answer must be YES or NO, got " + body.answer());
        }
        String reason = text(body.reason(), "reason", "why the question is answered so");
        boolean privileged = privileged(body.privileged());
        var computation = obligations.recordJudgement(id, question, answer, reason, privileged, access.username());
        ObjectNode root = list(access, id);
        root.put("recomputed", computation != null);
        return ResponseEntity.status(HttpStatus.CREATED).body(root);
    }

    /** Judgements; their reasons are counsel's and the commander's to read. */
    @GetMapping("/api/v1/incidents/{id}/judgements")
    @Guard(Action.JUDGEMENTS_READ)
    ObjectNode judgements(Access access, @PathVariable String id) {
        obligations.incident(id);
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("judgements");
        for (Judgement j : obligations.judgements(id)) {
            list.addObject()
                    .put("question", j.question())
                    .put("answer", j.answer().name())
                    .put("reason", access.caller().privileged() ? j.reason() : null)
                    .put("decidedBy", j.decidedBy())
                    .put("decidedAt", j.decidedAt().toString());
        }
        return root;
    }

    @GetMapping("/api/v1/obligations/{id}")
    @Guard(Action.OBLIGATION_READ)
    ObjectNode get(Access access, @PathVariable String id) {
        return forCaller(view(obligations.obligation(id)), access);
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
        return view(obligations.assignOwner(id, owner, access.username()));
    }

    record StatusRequest(
            @Nullable String status,
            @Nullable String evidence,
            @Nullable String justification,
            @Nullable JsonNode privileged) {}

    @PostMapping("/api/v1/obligations/{id}/status")
    @Guard(Action.OBLIGATION_CHANGE)
    ObjectNode status(Access access, @PathVariable String id, @RequestBody StatusRequest body) {
        obligations.obligation(id);
        String requested = body.status() == null ? "" : body.status();
        Lifecycle.Status target = Lifecycle.parse(requested);
        if (target == null) {
            throw DomainException.unprocessable(
                    "bad-status",
                    "status must be FILED, NOT_REQUIRED or PENDING, got '" + requested + "'"
                            + (requested.strip().equalsIgnoreCase("SUPERSEDED")
                                    ? " (SUPERSEDED is set by recomputation only)"
                                    : ""));
        }
        if (body.justification() != null && body.justification().length() > MAX_TEXT) {
            throw DomainException.unprocessable(
                    "bad-justification", "justification: at most " + MAX_TEXT + " characters");
        }
        boolean privileged = privileged(body.privileged());
        return view(obligations.changeStatus(
                id,
                target,
                body.evidence() == null ? null : body.evidence().strip(),
                body.justification() == null ? null : body.justification().strip(),
                privileged,
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

    private ObjectNode view(StoredObligation o) {
        Incident incident = obligations.incident(o.incidentId());
        ObjectNode v = obligations.render().view(o, incident.timeZone(), clock.instant());
        v.put("incident", o.incidentId());
        return v;
    }

    private static String text(@Nullable String value, String field, String what) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw DomainException.unprocessable("missing-" + field, field + " is required: " + what);
        }
        if (v.length() > MAX_TEXT) {
            throw DomainException.unprocessable("bad-" + field, field + ": at most " + MAX_TEXT + " characters");
        }
        return v;
    }

    /**
     * The {@code tandem deadlines} command that gives the same contract fields, or null when the CLI
     * cannot express the configuration (card-merchant set against what the data suggest, or no
     * affected people).
     */
    @Nullable
    String command(Incident incident, Scope scope, List<Judgement> judgements) {
        Company c = obligations.company();
        if (incident.awareAt() == null || scope.subjects().counts().isEmpty() || !c.cliExpresses(scope)) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of(
                "tandem deadlines", "--aware", incident.awareAt().toString(), "--subjects", scope.subjectsSpec()));
        if (!scope.data().isEmpty()) {
            args.addAll(List.of("--data", String.join(",", scope.dataNames())));
        }
        if (!c.established().isEmpty()) {
            args.addAll(List.of("--established", String.join(",", c.established())));
        }
        Company.Regulated r = c.regulated();
        Map<String, Boolean> flags = new java.util.LinkedHashMap<>();
        flags.put("--sec-registrant", c.secRegistrant());
        flags.put("--processor", c.processor());
        flags.put("--online-marketplace", c.onlineMarketplace());
        flags.put("--hipaa-covered-entity", r.hipaaCoveredEntity());
        flags.put("--hipaa-business-associate", r.hipaaBusinessAssociate());
        flags.put("--financial-institution", r.financialInstitution());
        flags.put("--nydfs-covered", r.nydfsCovered());
        flags.put("--smaller-reporting-company", r.smallerReportingCompany());
        flags.forEach((flag, set) -> {
            if (set) {
                args.add(flag);
            }
        });
        if (r.euRepresentative() != null) {
            args.addAll(List.of("--eu-representative", r.euRepresentative()));
        }
        if (scope.encrypted()) {
            args.add("--encrypted");
        }
        Map<String, java.time.Instant> sent = obligations.noticesSent(incident.id());
        if (!sent.isEmpty()) {
            args.add("--sent");
            args.add(String.join(
                    ",",
                    sent.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .toList()));
        }
        if (!judgements.isEmpty()) {
            args.add("--decide");
            args.add(String.join(
                    ",",
                    judgements.stream()
                            .map(j -> j.question() + "=" + j.answer() + "@" + j.decidedAt())
                            .toList()));
        }
        args.addAll(List.of("--zone", incident.timeZone().getId(), "--format", "json"));
        return String.join(" ", args);
    }
}
