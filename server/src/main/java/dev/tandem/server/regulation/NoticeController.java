package dev.tandem.server.regulation;

import dev.tandem.regulation.notice.Art33Notice;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.UploadRepository;
import dev.tandem.server.identity.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GDPR Art. 33(3) notice of an incident, and the UK GDPR one to the Information Commissioner, as
 * Markdown (docs/obligations-api.md): the same endpoints under each notice's path, told apart by the
 * path they were called by.
 */
@RestController
class NoticeController {
    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    static final String STATE = "Tandem-Notice-State";
    static final String EVIDENCE = "Tandem-Notice-Evidence";
    static final String VERSION = "Tandem-Notice-Version";
    static final String STALE = "Tandem-Notice-Stale";
    private static final String PATH = "/api/v1/incidents/{id}/notices/" + NoticeDrafts.GDPR_ART33;
    private static final String UK_PATH = "/api/v1/incidents/{id}/notices/" + NoticeDrafts.UK_GDPR_ART33;

    private final NoticeDrafts notices;
    private final Obligations obligations;
    private final Clock clock;
    private final JsonMapper json;

    NoticeController(NoticeDrafts notices, Obligations obligations, Clock clock, JsonMapper json) {
        this.notices = notices;
        this.obligations = obligations;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping({PATH, UK_PATH})
    @Guard(Action.NOTICE_READ)
    ResponseEntity<String> get(Access access, HttpServletRequest request, @PathVariable String id) {
        return markdown(notices.readableCurrent(NoticePaths.notice(request), id, access));
    }

    @PutMapping(
            path = {PATH, UK_PATH},
            consumes = {"text/markdown", MediaType.TEXT_PLAIN_VALUE})
    @Guard(Action.NOTICE_CHANGE)
    ResponseEntity<String> put(
            @AuthenticationPrincipal Actor actor,
            Access access,
            HttpServletRequest request,
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody(required = false) @Nullable String body) {
        return markdown(notices.edit(
                NoticePaths.notice(request),
                id,
                body == null ? "" : body,
                actor.username(),
                NoticeDrafts.IfMatch.parse(ifMatch),
                access));
    }

    /**
     * The gaps sending the current text now would be refused for (422 {@code notice-incomplete}
     * without {@code "incomplete":true}), found by the code the sending runs: the text's own, the
     * reasons for the delay once the deadline passed ({@code late}), and each fact an edited text may
     * state out of date. The generated draft's are those of the draft as this caller reads it.
     */
    record GapsView(String state, @Nullable Integer version, boolean late, List<String> gaps) {}

    @GetMapping({PATH + "/gaps", UK_PATH + "/gaps"})
    @Guard(Action.NOTICE_READ)
    GapsView gaps(Access access, HttpServletRequest request, @PathVariable String id) {
        Art33Notice notice = NoticePaths.notice(request);
        NoticeDrafts.Notice n = notices.readableCurrent(notice, id, access);
        return new GapsView(n.state().name(), n.version(), notices.late(notice, id), notices.gaps(notice, id, n));
    }

    record VersionView(
            int version, String sha256, int characters, String editedAt, String editedBy, long ledgerIndex) {}

    /** Every stored version, oldest first: each edit is a version of its own, never overwritten. */
    @GetMapping({PATH + "/versions", UK_PATH + "/versions"})
    @Guard(Action.NOTICE_READ)
    List<VersionView> versions(Access access, HttpServletRequest request, @PathVariable String id) {
        Art33Notice notice = NoticePaths.notice(request);
        notices.requireReadable(notice, id, access);
        return notices.versions(notice, id).stream()
                .map(v -> new VersionView(
                        v.version(),
                        v.sha256(),
                        v.markdown().length(),
                        v.editedAt().toString(),
                        v.editedBy(),
                        v.ledgerIndex()))
                .toList();
    }

    /** One version's text, as its {@code notice.edited} entry names it (its SHA-256 in a header). */
    @GetMapping({PATH + "/versions/{version}", UK_PATH + "/versions/{version}"})
    @Guard(Action.NOTICE_READ)
    ResponseEntity<String> version(
            Access access, HttpServletRequest request, @PathVariable String id, @PathVariable int version) {
        Art33Notice notice = NoticePaths.notice(request);
        notices.requireReadable(notice, id, access);
        NoticeDrafts.Version v = notices.version(notice, id, version);
        notices.requireReadable(notice, v, access);
        return ResponseEntity.ok()
                .contentType(MARKDOWN)
                .header(VERSION, Integer.toString(v.version()))
                .header("Tandem-Notice-Sha256", v.sha256())
                .body(v.markdown());
    }

    @PostMapping({PATH + "/sent", UK_PATH + "/sent"})
    @Guard(Action.NOTICE_CHANGE)
    ResponseEntity<ObjectNode> sent(
            @AuthenticationPrincipal Actor actor,
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String jurisdiction,
            @RequestBody(required = false) @Nullable JsonNode body)
            throws IOException {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw DomainException.unprocessable(
                    "bad-notice-sent",
                    "the body, when given, is {\"sentAt\":…,\"incomplete\":true|false,"
                            + "\"repository\":\"FORENSIC\"|\"AUDIT\"}");
        }
        java.time.Instant sentAt =
                body == null ? null : ObligationController.time(body.get("sentAt"), "sentAt", "bad-sent-at");
        JsonNode incomplete = body == null ? null : body.get("incomplete");
        if (incomplete != null && !incomplete.isNull() && !incomplete.isBoolean()) {
            throw DomainException.unprocessable(
                    "bad-incomplete", "incomplete must be true or false, got " + incomplete);
        }
        JsonNode repository = body == null ? null : body.get("repository");
        if (repository != null && !repository.isNull() && !repository.isString()) {
            throw DomainException.unprocessable(
                    "bad-repository", "repository: must be FORENSIC or AUDIT, got " + repository);
        }
        NoticeDrafts.Sent sent = notices.send(
                NoticePaths.notice(request),
                id,
                jurisdiction,
                sentAt,
                incomplete != null && incomplete.asBoolean(false),
                repository == null || repository.isNull() ? null : UploadRepository.parse(repository.asString()),
                actor.username());
        var incident = obligations.incident(id);
        ObjectNode root = json.createObjectNode();
        root.putObject("evidence")
                .put("id", sent.evidence().id())
                .put("sha256", sent.evidence().sha256())
                .put("size", sent.evidence().size())
                .put("ledgerIndex", sent.evidence().ledgerIndex())
                .put("repository", sent.evidence().repository().name());
        root.set("obligation", obligations.render().view(sent.obligation(), incident.timeZone(), clock.instant()));
        return ResponseEntity.status(HttpStatus.CREATED).body(root);
    }

    /**
     * The information the notice sent incomplete left out, sent in a follow-up (Art. 33(4)): {@code
     * {"evidence":"<item id>","sentAt":…}} files the pending Art. 33(4) obligation with that item and
     * records {@code notice.follow-up-sent} → 201 {@code {"obligation":{…},"followUp":{"ledgerIndex",
     * "provides":[…]}}}: that entry's index and the gaps it says the follow-up gives.
     */
    @PostMapping({PATH + "/follow-up", UK_PATH + "/follow-up"})
    @Guard(Action.NOTICE_CHANGE)
    ResponseEntity<ObjectNode> followUp(
            @AuthenticationPrincipal Actor actor,
            HttpServletRequest request,
            @PathVariable String id,
            @RequestBody(required = false) @Nullable JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.unprocessable(
                    "bad-follow-up", "the body is {\"evidence\":\"<evidence item id>\",\"sentAt\":…}");
        }
        for (String field : body.propertyNames()) {
            if (!field.equals("evidence") && !field.equals("sentAt")) {
                throw DomainException.unprocessable(
                        "bad-follow-up", "unknown field '" + field + "' (known: evidence, sentAt)");
            }
        }
        JsonNode evidence = body.get("evidence");
        if (evidence != null && !evidence.isNull() && !evidence.isString()) {
            throw DomainException.unprocessable(
                    "bad-evidence", "evidence: must be an evidence item id, got " + evidence);
        }
        java.time.Instant sentAt = ObligationController.time(body.get("sentAt"), "sentAt", "bad-sent-at");
        var filed = notices.followUp(
                NoticePaths.notice(request),
                id,
                evidence == null || evidence.isNull() ? "" : evidence.asString(),
                sentAt,
                actor.username());
        var incident = obligations.incident(id);
        ObjectNode root = json.createObjectNode();
        root.set("obligation", obligations.render().view(filed.obligation(), incident.timeZone(), clock.instant()));
        var gaps = root.putObject("followUp")
                .put("ledgerIndex", filed.ledgerIndex())
                .putArray("provides");
        filed.provides().forEach(gaps::add);
        return ResponseEntity.status(HttpStatus.CREATED).body(root);
    }

    private static ResponseEntity<String> markdown(NoticeDrafts.Notice n) {
        // the text's SHA-256 as its entity tag: a PUT with If-Match stores only over the text read
        var b = ResponseEntity.ok()
                .contentType(MARKDOWN)
                .eTag("\"" + NoticeDrafts.sha256(n.markdown()) + "\"")
                .header(STATE, n.state().name());
        if (n.evidence() != null) {
            b.header(EVIDENCE, n.evidence());
        }
        if (n.version() != null) {
            b.header(VERSION, n.version().toString());
        }
        if (!n.stale().isEmpty()) {
            // the facts it states that changed since it was written (docs/obligations-api.md)
            b.header(
                    STALE,
                    String.join(
                            ",",
                            n.stale().stream()
                                    .map(s -> s.substring(0, s.indexOf(':')))
                                    .toList()));
        }
        return b.body(n.markdown());
    }
}
