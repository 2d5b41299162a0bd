package dev.tandem.server.pii;

import dev.tandem.evidence.BlobStore;
import dev.tandem.evidence.ContentAddress;
import dev.tandem.server.DomainException;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.Jobs;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.PiiFindingsRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Starts PII scans of evidence (for the API and the demo) and reads their stored results. */
@Service
public class PiiScans {
    private final Jobs jobs;
    private final JsonMapper json;
    private final JdbcTemplate jdbc;
    private final BlobStore blobs;
    private final Ledger ledger;

    PiiScans(Jobs jobs, JsonMapper json, JdbcTemplate jdbc, BlobStore blobs, Ledger ledger) {
        this.jobs = jobs;
        this.json = json;
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.ledger = ledger;
    }

    /**
     * The latest scan of these bytes in the item's own incident and repository: the same bytes
     * uploaded twice there share it. Never a scan of the same bytes held elsewhere: another
     * incident's FORENSIC copy is not this item's to read.
     */
    public Optional<JsonNode> latest(EvidenceItem item) {
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

    /** The latest scan of one evidence item of an incident, with the item's name and repository. */
    public record ItemScan(String evidence, String name, dev.tandem.evidence.Repository repository, JsonNode summary) {}

    /** The latest scan of each scanned evidence item of the incident, in the items' order of adding. */
    public List<ItemScan> ofIncident(String incidentId) {
        List<ItemScan> all = jdbc.query(
                "SELECT e.id, e.name, e.repository, s.summary FROM pii_scan s JOIN evidence e ON e.id = s.evidence_id"
                        + " WHERE s.incident_id = ? ORDER BY e.ledger_index, s.finished_at DESC, s.ledger_index DESC",
                (rs, n) -> new ItemScan(
                        rs.getString(1),
                        rs.getString(2),
                        dev.tandem.evidence.Repository.valueOf(rs.getString(3)),
                        json.readTree(rs.getString(4))),
                incidentId);
        Map<String, ItemScan> latest = new java.util.LinkedHashMap<>();
        all.forEach(s -> latest.putIfAbsent(s.evidence(), s));
        return List.copyOf(latest.values());
    }

    /** A scan's people per jurisdiction, from its {@code subjects} ({@code DE=1200,US-CA=800}), in that order. */
    public static List<Map.Entry<String, Long>> subjects(JsonNode scan) {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        for (String pair : scan.path("subjects").asString("").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.add(Map.entry(
                            pair.substring(0, eq).strip(),
                            Long.parseLong(pair.substring(eq + 1).strip())));
                } catch (NumberFormatException e) {
                    // not a count: left out
                }
            }
        }
        return out;
    }

    /**
     * Records the read of the latest scan's masked findings ({@code pii.findings.read}, privileged
     * for FORENSIC items, like a read of the evidence), then opens them.
     *
     * @throws DomainException 404 when the item was never scanned
     */
    public InputStream openFindings(EvidenceItem item, String actor) throws IOException {
        JsonNode scan = latest(item).orElseThrow(() -> DomainException.notFound("PII scan of evidence", item.id()));
        String findingsSha = scan.path("findingsSha256").asString();
        ledger.record(ap ->
                ap.record(new PiiFindingsRead(item.incidentId(), item.id(), findingsSha, item.repository()), actor));
        return blobs.open(new ContentAddress(findingsSha));
    }

    /**
     * Queues a scan of {@code item}; with {@code updateScope} its people per jurisdiction and data
     * categories are folded into the incident's scope, which recomputes the obligations.
     */
    public Job submit(EvidenceItem item, boolean updateScope, String actor) {
        ObjectNode input = json.createObjectNode().put("evidence", item.id()).put("updateScope", updateScope);
        return jobs.submit(PiiScanHandler.KIND, item.incidentId(), input, actor);
    }
}
