package dev.tandem.server.pii;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.job.JobController;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** PII scans of evidence: start one, read the latest result for the evidence's bytes, read its findings. */
@RestController
class PiiController {
    private final Vault vault;
    private final PiiScans scans;

    PiiController(Vault vault, PiiScans scans) {
        this.vault = vault;
        this.scans = scans;
    }

    record ScanRequest(@Nullable Boolean updateScope) {}

    @PostMapping("/api/v1/evidence/{id}/scans")
    @Guard(Action.PII_SCAN_START)
    ResponseEntity<Map<String, Object>> scan(
            Access access, @PathVariable String id, @RequestBody(required = false) @Nullable ScanRequest request) {
        EvidenceItem item = vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id));
        boolean updateScope = request != null && Boolean.TRUE.equals(request.updateScope());
        if (updateScope) {
            // folding the result into the scope changes it: that is decided by LEGAL and the commander
            access.require(Action.SCOPE_CHANGE, Resource.incident(item.incidentId()), "incident", item.incidentId());
        }
        var job = scans.submit(item, updateScope, access.username());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobController.view(job, access, vault));
    }

    /** The latest scan of the item ({@link PiiScans#latest}). */
    @GetMapping("/api/v1/evidence/{id}/pii")
    @Guard(Action.PII_RESULT_READ)
    JsonNode latest(@PathVariable String id) {
        EvidenceItem item = vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id));
        return scans.latest(item).orElseThrow(() -> DomainException.notFound("PII scan of evidence", id));
    }

    /** The masked findings as JSON Lines; reading them is recorded like a read of the evidence. */
    @GetMapping(value = "/api/v1/evidence/{id}/pii/findings", produces = "application/jsonl")
    @Guard(Action.PII_RESULT_READ)
    ResponseEntity<InputStreamResource> findings(Access access, @PathVariable String id) throws IOException {
        EvidenceItem item = vault.find(id).orElseThrow(() -> DomainException.notFound("evidence", id));
        // On the request thread, as the evidence content (see EvidenceController.content).
        InputStreamResource body = new InputStreamResource(scans.openFindings(item, access.username()));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/jsonl"))
                .body(body);
    }
}
