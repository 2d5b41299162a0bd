package dev.tandem.server.incident;

import dev.tandem.server.identity.Actor;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.web.ApiProblem;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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

    IncidentController(Incidents incidents, Ledger ledger, JsonMapper json) {
        this.incidents = incidents;
        this.ledger = ledger;
        this.json = json;
    }

    record NewIncident(
            @Nullable String title,
            @Nullable String severity,
            @Nullable String awareAt,
            @Nullable String timeZone) {}

    @PostMapping("/api/v1/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> open(@AuthenticationPrincipal Actor actor, @RequestBody NewIncident body) {
        String title = body.title() == null ? "" : body.title().strip();
        if (title.isEmpty() || title.length() > 300) {
            throw ApiProblem.unprocessable("bad-title", "title is required, at most 300 characters");
        }
        Severity severity;
        try {
            severity = Severity.valueOf(body.severity() == null ? "" : body.severity());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.unprocessable(
                    "bad-severity", "severity must be LOW, MEDIUM, HIGH or CRITICAL, got " + body.severity());
        }
        Instant aware = null;
        if (body.awareAt() != null) {
            try {
                aware = OffsetDateTime.parse(body.awareAt()).toInstant();
            } catch (DateTimeException e) {
                throw ApiProblem.unprocessable(
                        "bad-time", "awareAt must be an RFC 3339 time with an offset, got " + body.awareAt());
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (body.timeZone() != null) {
            try {
                zone = ZoneId.of(body.timeZone());
            } catch (DateTimeException e) {
                throw ApiProblem.unprocessable(
                        "bad-time-zone", "timeZone must be an IANA zone such as Europe/Berlin, got " + body.timeZone());
            }
        }
        return view(incidents.open(title, severity, aware, zone, actor.username()));
    }

    @GetMapping("/api/v1/incidents")
    List<Map<String, Object>> list() {
        return incidents.all().stream().map(IncidentController::view).toList();
    }

    @GetMapping("/api/v1/incidents/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return view(incidents.find(id).orElseThrow(() -> ApiProblem.notFound("incident", id)));
    }

    /** The incident's ledger entries, oldest first: the one timeline both reports are drawn from. */
    @GetMapping("/api/v1/incidents/{id}/timeline")
    List<Map<String, Object>> timeline(@PathVariable String id) {
        incidents.find(id).orElseThrow(() -> ApiProblem.notFound("incident", id));
        return ledger.entriesOf(id).stream()
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("index", e.index());
                    JsonNode entry = json.readValue(e.leaf(), JsonNode.class);
                    m.put("type", entry.path("type").asString());
                    m.put("at", entry.path("at").asString());
                    m.put("actor", entry.path("actor").asString());
                    m.put("body", entry.path("body"));
                    return m;
                })
                .toList();
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
