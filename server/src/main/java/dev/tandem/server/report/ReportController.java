package dev.tandem.server.report;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two reports (docs/contracts.md §2): HTML or, from the same HTML, PDF, as {@code Accept} asks; the
 * {@code Tandem-Checkpoint} header names the checkpoint the document prints.
 */
@RestController
class ReportController {
    static final String CHECKPOINT_HEADER = "Tandem-Checkpoint";
    private static final List<MediaType> OFFERED = List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_PDF);

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/v1/incidents/{id}/reports/incident")
    @Guard(Action.REPORT_INCIDENT_READ)
    ResponseEntity<byte[]> incident(
            Access access,
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept)
            throws HttpMediaTypeNotAcceptableException {
        return answer(ReportKind.INCIDENT, access, id, accept);
    }

    @GetMapping("/api/v1/incidents/{id}/reports/audit-continuity")
    @Guard(Action.REPORT_AUDIT_READ)
    ResponseEntity<byte[]> auditContinuity(
            Access access,
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept)
            throws HttpMediaTypeNotAcceptableException {
        return answer(ReportKind.AUDIT_CONTINUITY, access, id, accept);
    }

    record IssueRequest(@Nullable String repository) {}

    record IssuedView(
            String evidence,
            String sha256,
            long size,
            long ledgerIndex,
            String repository,
            CheckpointView checkpoint) {}

    record CheckpointView(long size, String root) {}

    @PostMapping("/api/v1/incidents/{id}/reports/incident/issue")
    @Guard(Action.REPORT_INCIDENT_ISSUE)
    ResponseEntity<IssuedView> issueIncident(
            Access access, @PathVariable String id, @RequestBody(required = false) @Nullable IssueRequest body) {
        return issue(ReportKind.INCIDENT, Action.REPORT_INCIDENT_ISSUE, access, id, body);
    }

    @PostMapping("/api/v1/incidents/{id}/reports/audit-continuity/issue")
    @Guard(Action.REPORT_AUDIT_ISSUE)
    ResponseEntity<IssuedView> issueAuditContinuity(
            Access access, @PathVariable String id, @RequestBody(required = false) @Nullable IssueRequest body) {
        return issue(ReportKind.AUDIT_CONTINUITY, Action.REPORT_AUDIT_ISSUE, access, id, body);
    }

    private ResponseEntity<IssuedView> issue(
            ReportKind kind, Action action, Access access, String id, @Nullable IssueRequest body) {
        String asked = body == null ? null : body.repository();
        Repository repository = Repository.parse(asked == null ? "" : asked)
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-repository", "repository must be FORENSIC or AUDIT, got " + asked));
        // the interceptor decided on the role; which repository may hold the report is decided here
        access.require(action, Resource.upload(id, repository), "incident", id);
        Reports.Issued issued = reports.issue(kind, id, access.caller(), repository);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(CHECKPOINT_HEADER, issued.checkpoint().header())
                .body(new IssuedView(
                        issued.evidence().id(),
                        issued.evidence().sha256(),
                        issued.evidence().size(),
                        issued.evidence().ledgerIndex(),
                        repository.name(),
                        new CheckpointView(
                                issued.checkpoint().size(), issued.checkpoint().root())));
    }

    private ResponseEntity<byte[]> answer(ReportKind kind, Access access, String id, @Nullable String accept)
            throws HttpMediaTypeNotAcceptableException {
        MediaType type = negotiate(accept);
        Reports.Rendered rendered = reports.render(kind, id, access.caller());
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .header(CHECKPOINT_HEADER, rendered.report().checkpoint().header())
                .cacheControl(CacheControl.noStore());
        if (type.equals(MediaType.APPLICATION_PDF)) {
            return ok.contentType(MediaType.APPLICATION_PDF)
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.inline()
                                    .filename(kind.path() + "-report-at-"
                                            + rendered.report().checkpoint().size() + ".pdf")
                                    .build()
                                    .toString())
                    .body(reports.pdf(rendered));
        }
        return ok.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(rendered.html().getBytes(StandardCharsets.UTF_8));
    }

    /** HTML or PDF, whichever {@code Accept} prefers (quality, then an exact over a wildcard match); HTML on a tie. */
    static MediaType negotiate(@Nullable String accept) throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return MediaType.TEXT_HTML;
        }
        List<MediaType> asked;
        try {
            asked = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException(OFFERED);
        }
        MediaType best = null;
        double bestQ = 0;
        int bestExact = -1;
        for (MediaType offered : OFFERED) {
            for (MediaType a : asked) {
                if (!a.includes(offered)) {
                    continue;
                }
                double q = a.getQualityValue();
                int exact = a.isWildcardType() ? 0 : a.isWildcardSubtype() ? 1 : 2;
                if (q > bestQ || (q == bestQ && q > 0 && exact > bestExact)) {
                    best = offered;
                    bestQ = q;
                    bestExact = exact;
                }
            }
        }
        if (best == null) {
            throw new HttpMediaTypeNotAcceptableException(OFFERED);
        }
        return best;
    }
}
