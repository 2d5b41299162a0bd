package dev.tandem.server.evidence;

import dev.tandem.evidence.Repository;
import dev.tandem.server.CsvAnswer;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import dev.tandem.server.access.UploadRepository;
import dev.tandem.server.identity.Actor;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.EvidencePulledBack;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The evidence vault's API, docs/contracts.md §2. */
@RestController
class EvidenceController {
    private static final Logger log = LoggerFactory.getLogger(EvidenceController.class);

    private final Vault vault;
    private final Intake intake;
    private final Ledger ledger;
    private final PullBacks pullBacks;

    EvidenceController(Vault vault, Intake intake, Ledger ledger, PullBacks pullBacks) {
        this.vault = vault;
        this.intake = intake;
        this.ledger = ledger;
        this.pullBacks = pullBacks;
    }

    @PostMapping("/api/v1/incidents/{incidentId}/evidence")
    @Guard(Action.EVIDENCE_ADD)
    ResponseEntity<EvidenceView> upload(
            Access access,
            @PathVariable String incidentId,
            @RequestParam(required = false) @Nullable String repository,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable String collectedAt,
            @RequestParam(required = false) @Nullable String privilegeBasis,
            HttpServletRequest request)
            throws IOException {
        // Everything that can be refused is refused before a byte is read (the incident and the
        // caller's right to add to this repository by the access policy, first). The policy is asked
        // again about the repository as stored, read as the interceptor read it.
        Repository repo = UploadRepository.parse(repository);
        access.require(Action.EVIDENCE_ADD, Resource.upload(incidentId, repo), "incident", incidentId);
        Instant collected = null;
        Vault.Metadata meta = Intake.metadata(incidentId, repo, kind, name, source, description, null);
        String basis = Intake.privilegeBasis(repo, privilegeBasis);
        if (collectedAt != null) {
            try {
                collected = OffsetDateTime.parse(collectedAt).toInstant();
            } catch (DateTimeException e) {
                throw DomainException.unprocessable(
                        "bad-time", "collectedAt must be an RFC 3339 time with an offset, got " + collectedAt);
            }
        }
        collected = intake.collectedAt(collected);
        long declared = request.getContentLengthLong();
        // room on disk and in the quotas, before a byte is read (413 or 507 when it cannot fit)
        Storage.Allowance allowance = intake.allowance(incidentId, declared);
        PushbackInputStream in = new PushbackInputStream(request.getInputStream(), 1);
        int first = in.read();
        if (first < 0) {
            throw DomainException.unprocessable("empty-evidence", "the upload has no content");
        }
        in.unread(first);
        EvidenceItem item;
        try {
            item = intake.store(
                    new Vault.Metadata(
                            incidentId,
                            repo,
                            meta.kind(),
                            meta.name(),
                            meta.source(),
                            meta.description(),
                            collected,
                            basis),
                    new CountingGuard(in, declared),
                    allowance,
                    access.username());
        } catch (IOException e) {
            // The client went away (or the disk failed) mid-stream: nothing was recorded. The client
            // may not be there to read an answer; an empty 400 is all that is attempted.
            log.warn("upload to incident {} abandoned, nothing recorded: {}", incidentId, e.toString());
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(EvidenceView.full(item));
    }

    /** The incident's items, each in full or as a stub, as the caller may see it. */
    @GetMapping("/api/v1/incidents/{incidentId}/evidence")
    @Guard(Action.EVIDENCE_LIST)
    List<EvidenceView> list(Access access, @PathVariable String incidentId) {
        return vault.ofIncident(incidentId).stream()
                .map(e -> EvidenceView.of(e, access, ledger))
                .toList();
    }

    @GetMapping("/api/v1/evidence/{id}")
    @Guard(Action.EVIDENCE_METADATA)
    EvidenceView metadata(Access access, @PathVariable String id) {
        return EvidenceView.of(
                vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id)), access, ledger);
    }

    /**
     * The incident's privilege log (docs/contracts.md "The privilege log", ADR 157): every FORENSIC
     * item, with what identifies it and counsel's privilege basis; with {@code format=csv} or {@code
     * Accept: text/csv} the same rows as CSV ({@link CsvAnswer}). Not recorded: it reads metadata, as
     * the evidence list does, not content.
     */
    @GetMapping("/api/v1/incidents/{incidentId}/privilege-log")
    @Guard(Action.PRIVILEGE_LOG_READ)
    ResponseEntity<?> privilegeLog(
            @PathVariable String incidentId,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        boolean csv = CsvAnswer.asked(format, accept);
        PrivilegeLog.Log log = privilegeLog(vault, pullBacks, incidentId);
        if (csv) {
            return privilegeLogCsv(log);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(log);
    }

    /** The log of {@code incident} as the vault and the ledger hold it now (the page's too). */
    static PrivilegeLog.Log privilegeLog(Vault vault, PullBacks pullBacks, String incident) {
        return PrivilegeLog.of(incident, vault.ofIncident(incident), pullBacks::entry);
    }

    /** The log's CSV as a download named after the incident (the page's download too). */
    static ResponseEntity<String> privilegeLogCsv(PrivilegeLog.Log log) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, PrivilegeLog.attachment(log.incident()))
                .body(PrivilegeLog.csv(log));
    }

    /**
     * Counsel pulls an AUDIT item of the incident back to FORENSIC ({@code {"reason":…}}): the answer
     * lists what had been exposed, as the {@code evidence.pulled-back} entry does (docs/contracts.md,
     * "Pulling an item back").
     */
    @PostMapping("/api/v1/incidents/{incidentId}/evidence/{evidenceId}/pull-back")
    @Guard(Action.EVIDENCE_PULL_BACK)
    PullBackView pullBack(
            Access access,
            @PathVariable String incidentId,
            @PathVariable String evidenceId,
            @RequestBody(required = false) @Nullable JsonNode body) {
        if (body != null && !body.isObject()) {
            throw DomainException.unprocessable("bad-body", "the body must be a JSON object {\"reason\":…}");
        }
        JsonNode reason = body == null ? null : body.get("reason");
        if (reason != null && !reason.isNull() && !reason.isString()) {
            throw DomainException.unprocessable("bad-reason", "reason: a string is expected");
        }
        return PullBackView.of(pullBacks.pullBack(
                incidentId,
                evidenceId,
                reason == null || reason.isNull() ? null : reason.asString(),
                access.username()));
    }

    /** The answer to a pull back: the item, the entry, the reason and what had been exposed. */
    record PullBackView(
            String evidence,
            String repository,
            long ledgerIndex,
            String reason,
            List<EvidencePulledBack.Read> reads,
            List<EvidencePulledBack.Export> exports) {
        static PullBackView of(PullBacks.PulledBack p) {
            return new PullBackView(
                    p.item().id(),
                    p.item().repository().name(),
                    p.ledgerIndex(),
                    p.reason(),
                    p.exposure().reads(),
                    p.exposure().exports());
        }
    }

    @GetMapping("/api/v1/evidence/{id}/content")
    @Guard(Action.EVIDENCE_CONTENT)
    ResponseEntity<InputStreamResource> content(
            @AuthenticationPrincipal Actor actor, @PathVariable String id, HttpServletRequest request)
            throws IOException {
        EvidenceItem item = vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id));
        return content(vault, item, actor.username(), request);
    }

    /**
     * The item's bytes as a download, its read recorded first ({@code evidence.read}): for the API
     * and the web page alike. Every header is built before the read is recorded, from values that
     * cannot be refused, so no read is recorded for bytes that are then not sent. A {@code HEAD}
     * (which Spring hands to the GET handler) gets the same headers and no content (RFC 9110 §9.3.2):
     * nothing is read, so no read is recorded (docs/contracts.md §2).
     */
    static ResponseEntity<InputStreamResource> content(
            Vault vault, EvidenceItem item, String actor, HttpServletRequest request) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        headers.setContentLength(item.size());
        headers.set(HttpHeaders.CONTENT_DISPOSITION, attachment(item.name()));
        headers.set(
                "Digest",
                "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(item.sha256())));
        if (HttpMethod.HEAD.matches(request.getMethod())) {
            return ResponseEntity.ok().headers(headers).build();
        }
        // Written on the request thread (not a StreamingResponseBody): an async body raced with the
        // security filters' headers on the same response (NPEs inside Tomcat's MimeHeaders).
        InputStreamResource body = new InputStreamResource(vault.read(item, actor));
        return ResponseEntity.ok().headers(headers).body(body);
    }

    /**
     * {@code Content-Disposition: attachment} for any stored name (RFC 6266): {@code filename*} the
     * name in UTF-8, percent-encoded (RFC 8187), after a {@code filename} fallback for older clients
     * in printable ASCII without quotes, backslashes or percent signs (each other character an
     * underscore). Names stored before control characters were refused (line breaks included) come
     * out as a valid header too.
     */
    static String attachment(String name) {
        StringBuilder fallback = new StringBuilder(name.length());
        name.codePoints()
                .forEach(cp -> fallback.append(
                        cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' && cp != '%' ? (char) cp : '_'));
        StringBuilder encoded = new StringBuilder(name.length() * 3);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isAttrChar(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

    private static final String HEX = "0123456789ABCDEF";

    /** RFC 8187's attr-char: what {@code filename*} carries unencoded. */
    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }

    /**
     * Fails the upload when a declared Content-Length is not met: a client that disconnects
     * mid-stream must not leave a shorter item recorded as if complete.
     */
    private static final class CountingGuard extends java.io.FilterInputStream {
        private final long declared;
        private long seen;

        CountingGuard(InputStream in, long declared) {
            super(in);
            this.declared = declared;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                checkComplete();
            } else {
                seen++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                checkComplete();
            } else {
                seen += n;
            }
            return n;
        }

        private void checkComplete() throws IOException {
            if (declared >= 0 && seen != declared) {
                throw new java.io.EOFException("received " + seen + " of " + declared + " declared bytes");
            }
        }
    }
}
