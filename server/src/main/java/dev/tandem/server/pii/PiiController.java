package dev.tandem.server.pii;

import dev.tandem.evidence.BlobStore;
import dev.tandem.evidence.ContentAddress;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.server.access.Resource;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.identity.Actor;
import dev.tandem.server.job.JobController;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.PiiFindingsRead;
import dev.tandem.server.web.ApiProblem;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** PII scans of evidence: start one, read the latest result for the evidence's bytes, read its findings. */
@RestController
class PiiController {
    private final Vault vault;
    private final PiiScans scans;
    private final JdbcTemplate jdbc;
    private final BlobStore blobs;
    private final Ledger ledger;
    private final JsonMapper json;

    PiiController(Vault vault, PiiScans scans, JdbcTemplate jdbc, BlobStore blobs, Ledger ledger, JsonMapper json) {
        this.vault = vault;
        this.scans = scans;
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.ledger = ledger;
        this.json = json;
    }

    record ScanRequest(@Nullable Boolean updateScope) {}

    @PostMapping("/api/v1/evidence/{id}/scans")
    @Guard(Action.PII_SCAN_START)
    ResponseEntity<Map<String, Object>> scan(
            Access access, @PathVariable String id, @RequestBody(required = false) @Nullable ScanRequest request) {
        EvidenceItem item = vault.find(id).orElseThrow(() -> ApiProblem.notFound("evidence", id));
        boolean updateScope = request != null && Boolean.TRUE.equals(request.updateScope());
        if (updateScope) {
            // folding the result into the scope changes it: that is decided by LEGAL and the commander
            access.require(Action.SCOPE_CHANGE, Resource.incident(item.incidentId()), "incident", item.incidentId());
        }
        var job = scans.submit(item, updateScope, access.username());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobController.view(job, access, vault));
    }

    /**
     * The latest scan of these bytes in the item's own incident and repository: the same bytes
     * uploaded twice there share it. Never a scan of the same bytes held elsewhere: another
     * incident's FORENSIC copy is not this item's to read.
     */
    @GetMapping("/api/v1/evidence/{id}/pii")
    @Guard(Action.PII_RESULT_READ)
    JsonNode latest(@PathVariable String id) {
        EvidenceItem item = vault.find(id).orElseThrow(() -> ApiProblem.notFound("evidence", id));
        return latestScan(item).orElseThrow(() -> ApiProblem.notFound("PII scan of evidence", id));
    }

    /** The masked findings as JSON Lines; reading them is recorded like a read of the evidence. */
    @GetMapping(value = "/api/v1/evidence/{id}/pii/findings", produces = "application/jsonl")
    @Guard(Action.PII_RESULT_READ)
    ResponseEntity<InputStreamResource> findings(@AuthenticationPrincipal Actor actor, @PathVariable String id)
            throws IOException {
        EvidenceItem item = vault.find(id).orElseThrow(() -> ApiProblem.notFound("evidence", id));
        JsonNode scan = latestScan(item).orElseThrow(() -> ApiProblem.notFound("PII scan of evidence", id));
        String findingsSha = scan.path("findingsSha256").asString();
        ledger.record(ap -> ap.record(
                new PiiFindingsRead(item.incidentId(), item.id(), findingsSha, item.repository()), actor.username()));
        // On the request thread, as the evidence content (see EvidenceController.content).
        InputStreamResource body = new InputStreamResource(blobs.open(new ContentAddress(findingsSha)));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/jsonl"))
                .body(body);
    }

    private java.util.Optional<JsonNode> latestScan(EvidenceItem item) {
        List<JsonNode> rows = jdbc.query(
                "SELECT s.job_id, s.summary, s.finished_at, s.ledger_index FROM pii_scan s"
                        + " JOIN evidence e ON e.id = s.evidence_id"
                        + " WHERE s.sha256 = ? AND s.incident_id = ? AND e.repository = ?"
                        + " ORDER BY s.finished_at DESC, s.ledger_index DESC",
                (rs, n) -> {
                    ObjectNode s = (ObjectNode) json.readTree(rs.getString("summary"));
                    s.put("job", rs.getString("job_id"));
                    s.put(
                            "finishedAt",
                            rs.getTimestamp("finished_at").toInstant().toString());
                    s.put("ledgerIndex", rs.getLong("ledger_index"));
                    return (JsonNode) s;
                },
                item.sha256(),
                item.incidentId(),
                item.repository().name());
        return rows.stream().findFirst();
    }
}
