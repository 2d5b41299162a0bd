package dev.tandem.server.incident;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Role;
import dev.tandem.server.identity.Actor;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Incidents, their members and grants, and their lifecycle (docs/contracts.md §2, docs/timeline.md). */
@RestController
class IncidentController {
    private final Incidents incidents;
    private final Memberships memberships;
    private final Clock clock;

    IncidentController(Incidents incidents, Memberships memberships, Clock clock) {
        this.incidents = incidents;
        this.memberships = memberships;
        this.clock = clock;
    }

    record NewIncident(
            @Nullable String title,
            @Nullable String severity,
            @Nullable String awareAt,
            @Nullable String timeZone) {}

    @PostMapping("/api/v1/incidents")
    @Guard(Action.INCIDENT_OPEN)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> open(@AuthenticationPrincipal Actor actor, @RequestBody NewIncident body) {
        String title = body.title() == null ? "" : body.title().strip();
        if (title.isEmpty() || title.length() > 300) {
            throw DomainException.unprocessable("bad-title", "title is required, at most 300 characters");
        }
        Severity severity;
        try {
            severity = Severity.valueOf(body.severity() == null ? "" : body.severity());
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable(
                    "bad-severity", "severity must be LOW, MEDIUM, HIGH or CRITICAL, got " + body.severity());
        }
        Instant aware = body.awareAt() == null ? null : EntryDraft.time(body.awareAt(), "awareAt");
        ZoneId zone = ZoneOffset.UTC;
        if (body.timeZone() != null) {
            try {
                zone = ZoneId.of(body.timeZone());
            } catch (DateTimeException e) {
                throw DomainException.unprocessable(
                        "bad-time-zone", "timeZone must be an IANA zone such as Europe/Berlin, got " + body.timeZone());
            }
        }
        Map<String, Object> v = view(incidents.open(title, severity, aware, zone, actor.username()));
        v.put("role", Role.INCIDENT_COMMANDER.name());
        return v;
    }

    /** The incidents the caller is a member of, with their role in each. */
    @GetMapping("/api/v1/incidents")
    @Guard(Action.INCIDENT_LIST)
    List<Map<String, Object>> list(Access access) {
        Map<String, Role> mine = memberships.rolesOf(access.username());
        return incidents.all().stream()
                .filter(i -> mine.containsKey(i.id()))
                .map(i -> {
                    Map<String, Object> v = view(i);
                    v.put("role", mine.get(i.id()).name());
                    return v;
                })
                .toList();
    }

    @GetMapping("/api/v1/incidents/{id}")
    @Guard(Action.INCIDENT_READ)
    Map<String, Object> get(Access access, @PathVariable String id) {
        Map<String, Object> v = view(incidents.find(id).orElseThrow(() -> DomainException.notFound("incident", id)));
        v.put("role", String.valueOf(access.caller().role()));
        return v;
    }

    record Recorded(long ledgerIndex) {}

    /** Moves the incident to another phase (NIST SP 800-61 Rev. 3; {@link IncidentLifecycle}). */
    @PutMapping("/api/v1/incidents/{id}/phase")
    @Guard(Action.INCIDENT_LIFECYCLE)
    Map<String, Object> phase(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        String name = body.path("phase").asString("");
        IncidentLifecycle.Phase phase = IncidentLifecycle.Phase.parse(name)
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-phase",
                        "phase: must be one of " + List.of(IncidentLifecycle.Phase.values()) + ", got "
                                + body.path("phase")));
        return withRole(incidents.changePhase(id, phase, access.username()), access);
    }

    /** Declares the incident contained as of {@code at} (now when absent). */
    @PostMapping("/api/v1/incidents/{id}/containment")
    @Guard(Action.INCIDENT_LIFECYCLE)
    @ResponseStatus(HttpStatus.CREATED)
    Recorded containment(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        Instant at = EntryDraft.time(body, "at");
        return new Recorded(incidents.contain(id, at == null ? clock.instant() : at, text(body), access.username()));
    }

    /** When the incident occurred, once known (or better known), at a precision (EXACT by default). */
    @PutMapping("/api/v1/incidents/{id}/occurred-at")
    @Guard(Action.INCIDENT_LIFECYCLE)
    Map<String, Object> occurredAt(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        Instant occurredAt = EntryDraft.time(body, "occurredAt");
        if (occurredAt == null) {
            throw DomainException.unprocessable("bad-occurred-at", "occurredAt: required");
        }
        JsonNode p = body.path("precision");
        Precision precision = p.isMissingNode() || p.isNull()
                ? Precision.EXACT
                : Precision.parse(p.asString(""))
                        .orElseThrow(() -> DomainException.unprocessable(
                                "bad-precision",
                                "precision: must be one of " + List.of(Precision.values()) + ", got " + p));
        return withRole(incidents.setOccurredAt(id, occurredAt, precision, access.username()), access);
    }

    /** Closes the incident, from RECOVER or IMPROVE; its lifecycle changes no more. */
    @PostMapping("/api/v1/incidents/{id}/closure")
    @Guard(Action.INCIDENT_LIFECYCLE)
    @ResponseStatus(HttpStatus.CREATED)
    Recorded closure(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        return new Recorded(incidents.close(id, text(body), access.username()));
    }

    private static String text(JsonNode body) {
        JsonNode t = body.path("text");
        if (!t.isString() || t.asString().isBlank()) {
            throw DomainException.unprocessable("bad-text", "text: required");
        }
        if (t.asString().length() > EntryDraft.MAX_TEXT) {
            throw DomainException.unprocessable(
                    "bad-text",
                    "text: at most " + EntryDraft.MAX_TEXT + " characters, got "
                            + t.asString().length());
        }
        return t.asString();
    }

    private static Map<String, Object> withRole(Incident i, Access access) {
        Map<String, Object> v = view(i);
        v.put("role", String.valueOf(access.caller().role()));
        return v;
    }

    record MemberView(String username, String role, String addedAt, String addedBy, long ledgerIndex) {
        static MemberView of(Memberships.Member m) {
            return new MemberView(m.username(), m.role().name(), m.addedAt().toString(), m.addedBy(), m.ledgerIndex());
        }
    }

    /**
     * A membership to put: the role, and optionally the role the caller expects the person to have now
     * ({@code expectedRole}; absent or null: no check, as for adding a member).
     */
    record RoleRequest(@Nullable String role, @Nullable String expectedRole) {}

    /** The membership a put left, with the role it replaced ({@code previousRole}, null for a new member). */
    record PutMemberView(
            String username,
            String role,
            String addedAt,
            String addedBy,
            long ledgerIndex,
            @Nullable String previousRole) {
        static PutMemberView of(Memberships.Put p) {
            MemberView m = MemberView.of(p.member());
            return new PutMemberView(
                    m.username(),
                    m.role(),
                    m.addedAt(),
                    m.addedBy(),
                    m.ledgerIndex(),
                    p.previous() == null ? null : p.previous().name());
        }
    }

    @GetMapping("/api/v1/incidents/{id}/members")
    @Guard(Action.MEMBERS_READ)
    List<MemberView> members(@PathVariable String id) {
        return memberships.members(id).stream().map(MemberView::of).toList();
    }

    @PutMapping("/api/v1/incidents/{id}/members/{username}")
    @Guard(Action.MEMBERS_CHANGE)
    PutMemberView putMember(
            Access access, @PathVariable String id, @PathVariable String username, @RequestBody RoleRequest body) {
        Role role = role("role", body.role());
        java.util.Optional<Role> expected = body.expectedRole() == null
                ? java.util.Optional.empty()
                : java.util.Optional.of(role("expectedRole", body.expectedRole()));
        return PutMemberView.of(memberships.putExpecting(id, username, role, access.username(), expected));
    }

    private static Role role(String field, @Nullable String value) {
        return Role.parse(value == null ? "" : value)
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-role", field + " must be one of " + List.of(Role.values()) + ", got " + value));
    }

    @DeleteMapping("/api/v1/incidents/{id}/members/{username}")
    @Guard(Action.MEMBERS_CHANGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(Access access, @PathVariable String id, @PathVariable String username) {
        memberships.remove(id, username, access.username());
    }

    /**
     * A grant as LEGAL asks for it: the responder, and one FORENSIC item or, with {@code evidence}
     * null, every FORENSIC item of the incident. Granting every item is said explicitly ({@code
     * "evidence": null}): a body that leaves {@code evidence} out is refused, not read as "all".
     */
    record GrantRequest(String username, @Nullable String evidence) {
        static GrantRequest of(@Nullable JsonNode body) {
            if (body == null || !body.isObject()) {
                throw DomainException.unprocessable(
                        "bad-grant",
                        "give {\"username\":…, \"evidence\":\"<id>\"} or \"evidence\":null for every item");
            }
            JsonNode username = body.path("username");
            if (!username.isString() || username.asString().isBlank()) {
                throw DomainException.unprocessable(
                        "missing-username", "username: name the responder to grant access to");
            }
            if (!body.has("evidence")) {
                throw DomainException.unprocessable(
                        "missing-evidence",
                        "evidence: required: the id of the FORENSIC item to grant, or null given explicitly"
                                + " (\"evidence\": null) to grant every FORENSIC item of the incident");
            }
            JsonNode evidence = body.get("evidence");
            if (!evidence.isNull() && !evidence.isString()) {
                throw DomainException.unprocessable(
                        "bad-evidence",
                        "evidence: the id of a FORENSIC item (a string), or null for every FORENSIC item of the"
                                + " incident; got " + evidence);
            }
            return new GrantRequest(
                    username.asString().strip(),
                    evidence.isNull() ? null : evidence.asString().strip());
        }
    }

    record GrantView(
            String id,
            String username,
            @Nullable String evidence,
            String grantedAt,
            String grantedBy,
            long ledgerIndex) {
        static GrantView of(Memberships.Grant g) {
            return new GrantView(
                    g.id(), g.username(), g.evidence(), g.grantedAt().toString(), g.grantedBy(), g.ledgerIndex());
        }
    }

    @GetMapping("/api/v1/incidents/{id}/grants")
    @Guard(Action.GRANTS_READ)
    List<GrantView> grants(@PathVariable String id) {
        return memberships.grants(id).stream().map(GrantView::of).toList();
    }

    /**
     * LEGAL lets a responder read one FORENSIC item ({@code evidence}) or all of them ({@code
     * "evidence": null}, given explicitly).
     */
    @PostMapping("/api/v1/incidents/{id}/grants")
    @Guard(Action.GRANTS_CHANGE)
    @ResponseStatus(HttpStatus.CREATED)
    GrantView grant(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        GrantRequest asked = GrantRequest.of(body);
        return GrantView.of(memberships.grant(id, asked.username(), asked.evidence(), access.username()));
    }

    @DeleteMapping("/api/v1/incidents/{id}/grants/{grantId}")
    @Guard(Action.GRANTS_CHANGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Access access, @PathVariable String id, @PathVariable String grantId) {
        memberships.revoke(id, grantId, access.username());
    }

    static Map<String, Object> view(Incident i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("title", i.title());
        m.put("severity", i.severity().name());
        m.put("awareAt", i.awareAt() == null ? null : i.awareAt().toString());
        m.put("timeZone", i.timeZone().getId());
        m.put("createdAt", i.createdAt().toString());
        m.put("createdBy", i.createdBy());
        m.put("ledgerIndex", i.ledgerIndex());
        m.put("phase", i.phase().name());
        m.put("occurredAt", i.occurredAt() == null ? null : i.occurredAt().toString());
        m.put(
                "occurredPrecision",
                i.occurredPrecision() == null ? null : i.occurredPrecision().name());
        m.put("containedAt", i.containedAt() == null ? null : i.containedAt().toString());
        m.put("closedAt", i.closedAt() == null ? null : i.closedAt().toString());
        return m;
    }
}
