package dev.tandem.server.pii;

import dev.tandem.evidence.BlobStore;
import dev.tandem.evidence.Repository;
import dev.tandem.evidence.StoredBlob;
import dev.tandem.pii.Entity;
import dev.tandem.pii.Finding;
import dev.tandem.pii.Format;
import dev.tandem.pii.InputProblem;
import dev.tandem.pii.PiiScanner;
import dev.tandem.pii.ScanOptions;
import dev.tandem.pii.ScanSink;
import dev.tandem.pii.Scope;
import dev.tandem.pii.ScopeCounter;
import dev.tandem.pii.SubjectRecord;
import dev.tandem.server.DomainException;
import dev.tandem.server.TandemProperties;
import dev.tandem.server.evidence.BlobOwners;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.JobContext;
import dev.tandem.server.job.JobHandler;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.PiiScanned;
import dev.tandem.server.regulation.Obligations;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Scans one evidence item for personal data. The masked findings go to a temporary JSON Lines
 * file as they come (bounded memory), which becomes a blob; the summary row and its
 * {@code pii.scanned} entry are recorded in one unit at the end (privileged when the evidence is
 * FORENSIC). Optionally the incident's scope takes the people per jurisdiction and the data
 * categories found, which recomputes its obligations.
 */
@Component
class PiiScanHandler implements JobHandler {
    static final String KIND = "PII_SCAN";
    /** The name of a scan's findings file before it is stored (in {@link #work}). */
    static final String FINDINGS_PREFIX = "findings-";

    private static final Logger log = LoggerFactory.getLogger(PiiScanHandler.class);

    private final Vault vault;
    private final BlobStore blobs;
    private final Ledger ledger;
    private final JdbcTemplate jdbc;
    private final Obligations obligations;
    private final Clock clock;
    private final JsonMapper json;
    private final PiiConfiguration.ScopeThreshold threshold;
    /**
     * Where a scan writes its findings before they are stored as a blob: inside the data directory
     * (what they say about an incident's evidence stays where the evidence is, never in the system's
     * temporary folder), emptied at start of what a stopped server left there.
     */
    private final Path work;

    PiiScanHandler(
            Vault vault,
            BlobStore blobs,
            Ledger ledger,
            JdbcTemplate jdbc,
            Obligations obligations,
            Clock clock,
            JsonMapper json,
            PiiConfiguration.ScopeThreshold threshold,
            TandemProperties props)
            throws IOException {
        this.work = props.dataDir().resolve("work").resolve("pii-scan");
        Files.createDirectories(work);
        try (var left = Files.list(work)) {
            for (Path p : left.toList()) {
                if (p.getFileName().toString().startsWith(FINDINGS_PREFIX)) Files.deleteIfExists(p);
            }
        }
        this.threshold = threshold;
        this.vault = vault;
        this.blobs = blobs;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.obligations = obligations;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public JsonNode run(Job job, JobContext context) throws Exception {
        String evidenceId = job.input().path("evidence").asString();
        EvidenceItem item = vault.find(evidenceId)
                .orElseThrow(() -> new IllegalStateException("evidence " + evidenceId + " no longer exists"));
        Optional<ObjectNode> earlier = recorded(job);
        if (earlier.isPresent()) {
            // The process stopped after this job's unit committed and before the job was marked
            // done. Scanning again would store a second findings blob that no row owns (the scanner's
            // order of findings may differ between runs) and answer a result naming it.
            log.info("scan {} was recorded before the last stop; its stored summary stands", job.id());
            ObjectNode summary = earlier.get();
            if (job.input().path("updateScope").asBoolean(false)) {
                summary.set("scopeUpdate", updateScope(job, item, scopeOf(summary)));
            }
            return summary;
        }
        Path findingsFile = Files.createTempFile(work, FINDINGS_PREFIX, ".jsonl");
        try {
            Collector collector;
            PiiScanner.Report report;
            // leave a core to the server's requests
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(findingsFile), 1 << 16);
                    InputStream in = vault.openForJob(item)) {
                collector = new Collector(out, json, threshold.minConfidence());
                report = new PiiScanner(ScanOptions.defaults().withThreads(threads))
                        .scan(
                                in,
                                item.name(),
                                Format.fromName(item.name()),
                                collector,
                                done -> context.progress(done, item.size()));
            }
            StoredBlob findingsBlob;
            try (InputStream in = Files.newInputStream(findingsFile)) {
                findingsBlob = blobs.put(in, Long.MAX_VALUE);
            }
            Scope scope = collector.counter.scope();
            ObjectNode summary = summary(item, report, scope, collector, findingsBlob);
            long index = record(job, item, report, scope, collector, findingsBlob, summary);
            summary.put("ledgerIndex", index);
            if (job.input().path("updateScope").asBoolean(false)) {
                summary.set("scopeUpdate", updateScope(job, item, scope));
            }
            return summary;
        } finally {
            Files.deleteIfExists(findingsFile);
        }
    }

    /** The summary of this job's scan if an earlier run of it recorded one, with its ledger index. */
    private Optional<ObjectNode> recorded(Job job) {
        return jdbc
                .query(
                        "SELECT summary, ledger_index FROM pii_scan WHERE job_id = ?",
                        (rs, n) -> ((ObjectNode) json.readTree(rs.getString("summary")))
                                .put("ledgerIndex", rs.getLong("ledger_index"))
                                .put("recordedEarlier", true),
                        job.id())
                .stream()
                .findFirst();
    }

    /**
     * The counts and people per jurisdiction of a stored summary, which is all {@link #updateScope}
     * folds into the incident's scope.
     */
    private static Scope scopeOf(JsonNode summary) {
        Map<Entity, Long> counts = new EnumMap<>(Entity.class);
        summary.path("counts")
                .properties()
                .forEach(
                        e -> counts.put(Entity.valueOf(e.getKey()), e.getValue().asLong()));
        SortedMap<String, Long> jurisdictions = new TreeMap<>();
        for (String pair : summary.path("subjects").asString("").split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq > 0) {
                jurisdictions.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return new Scope(
                counts,
                Map.of(),
                summary.path("people").asLong(),
                jurisdictions,
                summary.path("unplaced").asLong(),
                0);
    }

    private ObjectNode summary(
            EvidenceItem item, PiiScanner.Report report, Scope scope, Collector c, StoredBlob findingsBlob) {
        ObjectNode s = json.createObjectNode()
                .put("evidence", item.id())
                .put("sha256", item.sha256())
                .put("files", report.files())
                .put("bytes", report.bytes())
                .put("findings", c.findings)
                .put("people", scope.people())
                .put("subjects", scope.subjects())
                .put("unplaced", scope.unplaced())
                .put("findingsSha256", findingsBlob.address().sha256());
        ObjectNode counts = s.putObject("counts");
        scope.counts().forEach((e, n) -> counts.put(e.name(), n));
        ObjectNode unique = s.putObject("unique");
        scope.unique().forEach((e, n) -> unique.put(e.name(), n));
        // findings below the threshold: stored with the others, counted here by entity and why
        s.put("minConfidence", scope.minConfidence());
        ObjectNode leftOut = s.putObject("leftOut");
        scope.leftOut().forEach((e, why) -> {
            ObjectNode w = leftOut.putObject(e.name());
            why.forEach(w::put);
        });
        var problems = s.putArray("problems");
        for (InputProblem p : report.problems()) {
            problems.addObject().put("file", p.file()).put("reason", p.reason()).put("fatal", p.fatal());
        }
        return s;
    }

    private long record(
            Job job,
            EvidenceItem item,
            PiiScanner.Report report,
            Scope scope,
            Collector c,
            StoredBlob findingsBlob,
            ObjectNode summary) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return ledger.record(ap -> {
            // A job is run again from the start after a stop; if this unit committed before the stop,
            // the scan is recorded already.
            List<Long> earlier =
                    jdbc.queryForList("SELECT ledger_index FROM pii_scan WHERE job_id = ?", Long.class, job.id());
            if (!earlier.isEmpty()) {
                return earlier.getFirst();
            }
            ObjectNode body = summary.deepCopy().put("job", job.id());
            long index = ap.record(new PiiScanned(item.incidentId(), item.repository(), body), job.requestedBy());
            jdbc.update(
                    "INSERT INTO pii_scan (job_id, evidence_id, incident_id, sha256, files, bytes_scanned, findings,"
                            + " people, subjects, summary, findings_sha256, finished_at, ledger_index)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    job.id(),
                    item.id(),
                    item.incidentId(),
                    item.sha256(),
                    report.files(),
                    report.bytes(),
                    c.findings,
                    scope.people(),
                    scope.subjects(),
                    json.writeValueAsString(summary),
                    findingsBlob.address().sha256(),
                    Timestamp.from(now),
                    index);
            BlobOwners.own(ap, findingsBlob.address().sha256(), BlobOwners.Kind.PII_FINDINGS, job.id(), now);
            return index;
        });
    }

    /**
     * Folds the scan into the incident's scope; a scope that cannot be set is reported, not fatal.
     * The new scope rests on the scanned item and on whatever the scope it extends rested on.
     */
    private JsonNode updateScope(Job job, EvidenceItem item, Scope scan) {
        ObjectNode result = json.createObjectNode();
        Set<Entity> found = EnumSet.noneOf(Entity.class);
        scan.counts().forEach((e, n) -> {
            if (n > 0) {
                found.add(e);
            }
        });
        try {
            // merged with the scope in force inside the ledger's unit, so that a scan running beside
            // this one, or a person's PUT meanwhile, is not lost
            var computation = obligations.updateScope(job.incidentId(), job.requestedBy(), (current, stored) -> {
                Map<String, Long> subjects = ScanScope.merge(
                        current.map(s -> s.scope().subjects().counts()).orElse(Map.of()), ScanScope.subjects(scan));
                var categories = EnumSet.noneOf(dev.tandem.regulation.DataCategory.class);
                current.ifPresent(s -> categories.addAll(s.scope().data()));
                categories.addAll(ScanScope.categories(found));
                boolean encrypted = current.map(s -> s.scope().encrypted()).orElse(false);
                // the scans' counts added up: obligations owed only at those are named in a warning
                var ceiling = ScanScope.ceiling(
                        stored.orElse(null),
                        current.map(s -> s.scope().subjects().counts()).orElse(Map.of()),
                        ScanScope.subjects(scan),
                        item.sha256());
                Set<Repository> restsOn = EnumSet.of(item.repository());
                current.ifPresent(s -> restsOn.addAll(s.restsOn()));
                return new dev.tandem.server.regulation.Obligations.ScopeChange(
                        dev.tandem.server.regulation.Scope.of(subjects, categories, encrypted), restsOn, ceiling);
            });
            result.put("updated", true).put("ledgerIndex", computation.ledgerIndex());
        } catch (DomainException | IllegalArgumentException e) {
            log.info(
                    "scan {} could not update the scope of incident {}: {}",
                    job.id(),
                    job.incidentId(),
                    e.getMessage());
            result.put("updated", false).put("reason", e.getMessage());
        }
        return result;
    }

    /**
     * Counts scope and writes masked findings as JSON Lines, each with its confidence and doubt;
     * findings below the threshold are written but left out of the scope. The scanner may call
     * from several threads.
     */
    private static final class Collector implements ScanSink {
        final ScopeCounter counter;
        private final OutputStream out;
        private final JsonMapper json;
        long findings;

        Collector(OutputStream out, JsonMapper json, double minConfidence) {
            this.out = out;
            this.json = json;
            this.counter = new ScopeCounter(minConfidence);
        }

        @Override
        public synchronized void finding(Finding f) {
            counter.finding(f);
            findings++;
            ObjectNode line = json.createObjectNode()
                    .put("kind", "finding")
                    .put("file", f.file())
                    .put("start", f.start())
                    .put("end", f.end())
                    .put("line", f.line())
                    .put("entity", f.entity().name())
                    .put("masked", f.masked())
                    .put("confidence", f.confidence());
            if (f.doubt() != null) line.put("doubt", f.doubt().code());
            try {
                out.write(json.writeValueAsBytes(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void subject(SubjectRecord s) {
            counter.subject(s);
        }
    }
}
