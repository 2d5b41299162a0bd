package dev.tandem.server.incident;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Role;
import dev.tandem.server.identity.Actor;
import dev.tandem.server.ledger.Ledger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
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
import tools.jackson.databind.json.JsonMapper;

/** Incidents and their timeline, CONTRACTS.md §2. */
@RestController
class IncidentController {
    private final Incidents incidents;
    private final Ledger ledger;
    private final JsonMapper json;

    private final Memberships memberships;

    IncidentController(Incidents incidents, Ledger ledger, JsonMapper json, Memberships memberships) {
        this.incidents = incidents;
        this.ledger = ledger;
        this.json = json;
        this.memberships = memberships;
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
        Instant aware = null;
        if (body.awareAt() != null) {
            try {
                aware = OffsetDateTime.parse(body.awareAt()).toInstant();
            } catch (DateTimeException e) {
                throw DomainException.unprocessable(
                        "bad-time", "awareAt must be an RFC 3339 time with an offset, got " + body.awareAt());
            }
        }
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

    /**
     * The incident's ledger entries, oldest first: the one timeline both reports are drawn from. A
     * privileged entry's body is its commitment; the incident commander and LEGAL also get its
     * opening ({@code "opened"}), the body it commits to.
     */
    @GetMapping("/api/v1/incidents/{id}/timeline")
    @Guard(Action.TIMELINE_READ)
    List<Map<String, Object>> timeline(Access access, @PathVariable String id) {
        boolean opens = access.caller().privileged();
        return ledger.entriesOf(id).stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("index", e.index());
                    JsonNode entry = json.readValue(e.leaf(), JsonNode.class);
                    m.put("type", entry.path("type").asString());
                    m.put("at", entry.path("at").asString());
                    m.put("actor", entry.path("actor").asString());
                    m.put("body", entry.path("body"));
                    boolean privileged = entry.path("body").has("commitment");
                    m.put("privileged", privileged);
                    if (privileged && opens) {
                        Ledger.Opening o = ledger.opening(e.index());
                        if (o != null) {
                            m.put("opened", json.readTree(o.body()));
                        }
                    }
                    return m;
                })
                .toList();
    }

    record MemberView(String username, String role, String addedAt, String addedBy, long ledgerIndex) {
        static MemberView of(Memberships.Member m) {
            return new MemberView(m.username(), m.role().name(), m.addedAt().toString(), m.addedBy(), m.ledgerIndex());
        }
    }

    record RoleRequest(@Nullable String role) {}

    @GetMapping("/api/v1/incidents/{id}/members")
    @Guard(Action.MEMBERS_READ)
    List<MemberView> members(@PathVariable String id) {
        return memberships.members(id).stream().map(MemberView::of).toList();
    }

    @PutMapping("/api/v1/incidents/{id}/members/{username}")
    @Guard(Action.MEMBERS_CHANGE)
    MemberView putMember(
            Access access, @PathVariable String id, @PathVariable String username, @RequestBody RoleRequest body) {
        Role role = Role.parse(body.role() == null ? "" : body.role())
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-role", "role must be one of " + List.of(Role.values()) + ", got " + body.role()));
        return MemberView.of(memberships.put(id, username, role, access.username()));
    }

    @DeleteMapping("/api/v1/incidents/{id}/members/{username}")
    @Guard(Action.MEMBERS_CHANGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(Access access, @PathVariable String id, @PathVariable String username) {
        memberships.remove(id, username, access.username());
    }

    record GrantRequest(@Nullable String username, @Nullable String evidence) {}

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

    /** LEGAL lets a responder read one FORENSIC item ({@code evidence}) or all of them ({@code null}). */
    @PostMapping("/api/v1/incidents/{id}/grants")
    @Guard(Action.GRANTS_CHANGE)
    @ResponseStatus(HttpStatus.CREATED)
    GrantView grant(Access access, @PathVariable String id, @RequestBody GrantRequest body) {
        if (body.username() == null || body.username().isBlank()) {
            throw DomainException.unprocessable("missing-username", "username: name the responder to grant access to");
        }
        return GrantView.of(memberships.grant(id, body.username().strip(), body.evidence(), access.username()));
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
        return m;
    }
}
