package dev.tandem.server.evidence;

import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.identity.Actor;
import dev.tandem.server.ledger.Ledger;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The evidence vault's API, docs/contracts.md §2. */
@RestController
class EvidenceController {
    private static final Logger log = LoggerFactory.getLogger(EvidenceController.class);

    private final Vault vault;
    private final Intake intake;
    private final Ledger ledger;

    EvidenceController(Vault vault, Intake intake, Ledger ledger) {
        this.vault = vault;
        this.intake = intake;
        this.ledger = ledger;
    }

    @PostMapping("/api/v1/incidents/{incidentId}/evidence")
    @Guard(Action.EVIDENCE_ADD)
    ResponseEntity<EvidenceView> upload(
            @AuthenticationPrincipal Actor actor,
            @PathVariable String incidentId,
            @RequestParam(required = false) @Nullable String repository,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable String collectedAt,
            HttpServletRequest request)
            throws IOException {
        // Everything that can be refused is refused before a byte is read (the incident and the
        // caller's right to add to this repository by the access policy, first).
        Repository repo = Intake.repository(repository);
        Instant collected = null;
        Vault.Metadata meta = Intake.metadata(incidentId, repo, kind, name, source, description, null);
        if (collectedAt != null) {
            try {
                collected = OffsetDateTime.parse(collectedAt).toInstant();
            } catch (DateTimeException e) {
                throw DomainException.unprocessable(
                        "bad-time", "collectedAt must be an RFC 3339 time with an offset, got " + collectedAt);
            }
        }
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
                            incidentId, repo, meta.kind(), meta.name(), meta.source(), meta.description(), collected),
                    new CountingGuard(in, declared),
                    allowance,
                    actor.username());
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

    @GetMapping("/api/v1/evidence/{id}/content")
    @Guard(Action.EVIDENCE_CONTENT)
    ResponseEntity<InputStreamResource> content(@AuthenticationPrincipal Actor actor, @PathVariable String id)
            throws IOException {
        EvidenceItem item = vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id));
        return content(vault, item, actor.username());
    }

    /**
     * The item's bytes as a download, its read recorded first ({@code evidence.read}): for the API
     * and the web page alike.
     */
    static ResponseEntity<InputStreamResource> content(Vault vault, EvidenceItem item, String actor)
            throws IOException {
        // Written on the request thread (not a StreamingResponseBody): an async body raced with the
        // security filters' headers on the same response (NPEs inside Tomcat's MimeHeaders).
        InputStreamResource body = new InputStreamResource(vault.read(item, actor));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(item.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(item.name(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(
                        "Digest",
                        "sha-256="
                                + java.util.Base64.getEncoder()
                                        .encodeToString(java.util.HexFormat.of().parseHex(item.sha256())))
                .body(body);
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
