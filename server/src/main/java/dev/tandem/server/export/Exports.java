package dev.tandem.server.export;

import dev.tandem.evidence.Repository;
import dev.tandem.export.AnalysisTimelineFile;
import dev.tandem.export.BagWriter;
import dev.tandem.export.ExportBag;
import dev.tandem.export.OscalAssessmentResults;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.server.DomainException;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.IncidentExported;
import dev.tandem.server.report.ChangeControlAudit;
import dev.tandem.server.report.ReportEntry;
import dev.tandem.server.report.Reports;
import dev.tandem.server.report.RequestHistory;
import dev.tandem.server.report.Snapshot;
import dev.tandem.server.witness.Witnessing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Plans and writes an incident's export bag. Everything in one bag is drawn from one signed
 * checkpoint: the incident's entries below its size, the AUDIT items whose {@code evidence.added}
 * entry it covers, the audit-continuity report and the OSCAL document at it. The export is recorded
 * ({@code incident.exported}) before a byte is sent, with what the bag holds (the entries' indices,
 * the reports' and OSCAL document's SHA-256); the bag ends with that entry and is signed by the
 * checkpoint signed with it (with the witnesses' cosignatures gathered for it), against which every
 * entry's inclusion proof leads, so that the bag proves it is complete (docs/contracts.md §5). The
 * checkpoint the bag is drawn from is the log's alone and the bag proves it consistent with its own: the
 * witnesses are asked once per export. An item whose file is missing is refused
 * before that (409 {@code evidence-missing}); one whose bytes are not those recorded stops the bag
 * as they are copied into it, unfinished, and the answer is broken off (docs/contracts.md §5).
 */
@Service
public class Exports {
    private final Ledger ledger;
    private final Vault vault;
    private final Reports reports;
    private final Witnessing witnessing;
    private final Clock clock;

    Exports(Ledger ledger, Vault vault, Reports reports, Witnessing witnessing, Clock clock) {
        this.ledger = ledger;
        this.vault = vault;
        this.reports = reports;
        this.witnessing = witnessing;
        this.clock = clock;
    }

    /**
     * What one bag holds, fixed before it is written: drawn from the checkpoint of size {@code
     * drawnAt} (the incident's entries below it, the reports and OSCAL document rendered at it), whose
     * note signed by the log is {@code drawnCheckpoint}, and signed by {@code signedCheckpoint}, the
     * first one signed after the export entry at {@code exportIndex}, which the bag holds too, with the
     * witnesses' cosignatures. {@code drawn}: the reports and the OSCAL document still waiting for the
     * bag's checkpoint ({@link OscalAssessmentResults#sealed}).
     */
    public record Plan(
            String incident,
            String signedCheckpoint,
            Checkpoint checkpoint,
            long drawnAt,
            String drawnCheckpoint,
            long exportIndex,
            List<EvidenceItem> evidence,
            @Nullable Long since,
            Instant at,
            Map<String, byte[]> drawn) {
        public String fileName() {
            return ExportBag.bagName(incident, checkpoint.size()) + ".zip";
        }
    }

    /**
     * The {@code since} query parameter as a tree size: absent or empty is none; anything but a whole
     * number is 400 {@code bad-since} naming it, as a size outside the tree is in {@link #plan} (taken
     * as text, so that Spring's conversion message never answers for it).
     */
    public static @Nullable Long since(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest(
                    "bad-since",
                    "since must be a tree size (a whole number between 1 and the checkpoint's size), got '"
                            + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
        }
    }

    /**
     * Fixes the checkpoint (the log's latest signed note, not submitted to the witnesses) and the
     * items, renders the reports and the OSCAL document at it, records the export with what the bag
     * holds (the incident's entries below the checkpoint's size, the SHA-256 of each rendered file and
     * of that note), and takes the checkpoint signed with that entry, cosigned as the log's latest is
     * (the export's one witness round), as the bag's (docs/contracts.md §5). {@code since} is an older
     * tree size.
     */
    public Plan plan(String incident, String actor, @Nullable Long since) {
        // Signed by the log alone: the witnesses are asked once, for the checkpoint signed with the export
        // entry, which the bag proves this one consistent with (docs/adr/102-one-witness-round-per-export.md).
        String drawnSigned = ledger.head().checkpoint();
        Checkpoint drawnAt = Checkpoint.parse(drawnSigned.substring(0, drawnSigned.indexOf("\n\n") + 1));
        long size = drawnAt.size();
        if (since != null && (since < 1 || since > size)) {
            throw DomainException.badRequest(
                    "bad-since", "since must be a tree size between 1 and the checkpoint's " + size + ", got " + since);
        }
        List<EvidenceItem> all = vault.ofIncident(incident);
        // An item counsel pulled back is FORENSIC: not in the bag, whose entries hold the pull back that
        // tells a verifier so. One pulled back after the checkpoint was drawn would be missing from a bag
        // whose entries still show it AUDIT: refused, to be exported again (docs/contracts.md §5).
        for (EvidenceItem e : all) {
            if (e.pulledBackIndex() != null && e.pulledBackIndex() >= size && e.ledgerIndex() < size) {
                throw DomainException.conflict(
                        "evidence-moved",
                        "Evidence moved",
                        "evidence " + e.id() + " was pulled back to FORENSIC (ledger entry #" + e.pulledBackIndex()
                                + ") while the bag was being drawn; nothing was recorded: export again");
            }
        }
        List<EvidenceItem> items = all.stream()
                .filter(e -> e.repository() == Repository.AUDIT && e.ledgerIndex() < size)
                .toList();
        // A bag missing an item is refused before the export is recorded; a damaged one is found
        // as its bytes are hashed into the bag (Vault), and the bag is then broken off unfinished.
        items.forEach(vault::requirePresent);
        Instant at = clock.instant();
        List<Long> below = ledger.entriesOf(incident).stream()
                .map(Ledger.StoredEntry::index)
                .filter(i -> i < size)
                .toList();
        Map<String, byte[]> drawn = drawn(incident, drawnSigned, drawnAt, items, at);
        Map<String, String> hashes = new LinkedHashMap<>();
        drawn.forEach((path, bytes) -> hashes.put("data/" + path, ExportBag.sha256(bytes)));
        hashes.put(
                "data/" + ExportBag.DRAWN_CHECKPOINT, ExportBag.sha256(drawnSigned.getBytes(StandardCharsets.UTF_8)));
        long exportIndex = ledger.record(ap -> {
            long index = ap.record(
                    new IncidentExported(
                            incident,
                            size,
                            items.stream().map(EvidenceItem::id).toList(),
                            since,
                            below.size(),
                            ExportBag.entriesSha256(below),
                            hashes),
                    actor);
            ap.requireCheckpoint();
            return index;
        });
        // The export entry's batch was signed (Appender#requireCheckpoint): the latest checkpoint covers it.
        String signed = witnessing.cosignedCheckpoint();
        Checkpoint checkpoint = Checkpoint.parse(signed.substring(0, signed.indexOf("\n\n") + 1));
        if (checkpoint.size() <= exportIndex) {
            throw new IllegalStateException("the latest signed checkpoint (size " + checkpoint.size()
                    + ") does not cover export entry " + exportIndex + ", whose batch was to be signed");
        }
        return new Plan(incident, signed, checkpoint, size, drawnSigned, exportIndex, items, since, at, drawn);
    }

    /** The files drawn from the entries at the checkpoint, by their path under {@code data/}. */
    private Map<String, byte[]> drawn(
            String incident, String signed, Checkpoint cp, List<EvidenceItem> items, Instant at) {
        List<OscalAssessmentResults.Item> observed = new ArrayList<>();
        for (EvidenceItem item : items) {
            observed.add(new OscalAssessmentResults.Item(evidence(item), item.receivedAt()));
        }
        Reports.Rendered report = reports.auditContinuityAt(incident, signed);
        Map<String, byte[]> drawn = new LinkedHashMap<>();
        drawn.put(ExportBag.REPORT_HTML, report.html().getBytes(StandardCharsets.UTF_8));
        drawn.put(ExportBag.REPORT_PDF, reports.pdf(report));
        drawn.put(
                ExportBag.OSCAL,
                OscalAssessmentResults.of(
                        incident,
                        cp,
                        at,
                        observed,
                        requests(RequestHistory.of(report.snapshot())),
                        changeControl(reports.changeControl(report)),
                        pulledBack(report.snapshot())));
        return drawn;
    }

    private static ExportBag.Evidence evidence(EvidenceItem item) {
        return new ExportBag.Evidence(
                item.id(), item.name(), item.kind().name(), item.sha256(), item.size(), item.ledgerIndex());
    }

    /** Streams the bag of {@code plan} to {@code out} (not closed). */
    public void write(Plan plan, OutputStream out) throws IOException {
        Checkpoint cp = plan.checkpoint();
        BagWriter bag = new BagWriter(out, ExportBag.bagName(plan.incident(), cp.size()));
        List<ExportBag.Evidence> index = new ArrayList<>();
        java.util.Set<String> written = new java.util.HashSet<>();
        for (EvidenceItem item : plan.evidence()) {
            index.add(evidence(item));
            if (written.add(item.sha256())) { // two items with the same bytes share one file
                try (InputStream in = vault.openForJob(item)) {
                    bag.add(ExportBag.evidencePath(item.sha256()), in);
                }
            }
        }
        bag.add(ExportBag.INDEX, ExportBag.index(index));
        bag.add(ExportBag.CHECKPOINT, plan.signedCheckpoint().getBytes(StandardCharsets.UTF_8));
        // The checkpoint the reports print, and its consistency with the bag's, which the witnesses cosigned.
        bag.add(ExportBag.DRAWN_CHECKPOINT, plan.drawnCheckpoint().getBytes(StandardCharsets.UTF_8));
        bag.add(
                ExportBag.DRAWN_CONSISTENCY,
                ExportBag.consistency(new ExportBag.Consistency(
                        plan.drawnAt(), cp.size(), ledger.consistencyProof(plan.drawnAt(), cp.size()))));
        bag.add(ExportBag.KEY, (ledger.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
        // The incident's entries below the size the bag is drawn from, and its own export entry: not the
        // incident's entries recorded between the two (docs/contracts.md §5).
        List<Ledger.StoredEntry> entries = ledger.entriesOf(plan.incident()).stream()
                .filter(e -> e.index() < plan.drawnAt() || e.index() == plan.exportIndex())
                .toList();
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (Ledger.StoredEntry e : entries) {
            lines.writeBytes(ExportBag.entryLine(new ExportBag.Entry(e.index(), e.leaf())));
        }
        bag.add(ExportBag.ENTRIES, lines.toByteArray());
        lines.reset();
        for (Ledger.StoredEntry e : entries) {
            lines.writeBytes(ExportBag.proofLine(
                    new ExportBag.Proof(e.index(), cp.size(), ledger.inclusionProof(e.index(), cp.size()))));
        }
        bag.add(ExportBag.PROOFS, lines.toByteArray());
        // The analyses' timeline entries every member may read, drawn from the same entries (ADR 115).
        Map<Long, byte[]> leaves = new LinkedHashMap<>();
        entries.forEach(e -> leaves.put(e.index(), e.leaf()));
        bag.add(
                ExportBag.ANALYSIS_TIMELINE,
                AnalysisTimelineFile.bytes(AnalysisTimelineFile.lines(leaves, plan.drawnAt())));
        if (plan.since() != null) {
            long from = plan.since();
            bag.add(
                    ExportBag.CONSISTENCY,
                    ExportBag.consistency(
                            new ExportBag.Consistency(from, cp.size(), ledger.consistencyProof(from, cp.size()))));
        }
        for (Map.Entry<String, byte[]> f : plan.drawn().entrySet()) {
            // The OSCAL document names the bag's checkpoint too, which its recorded SHA-256 could not hold.
            bag.add(
                    f.getKey(),
                    f.getKey().equals(ExportBag.OSCAL)
                            ? OscalAssessmentResults.sealed(f.getValue(), cp)
                            : f.getValue());
        }
        Map<String, String> info = new LinkedHashMap<>();
        // first, so that a verifier reads the format before anything the format defines
        info.put(ExportBag.FORMAT, String.valueOf(ExportBag.FORMAT_VERSION));
        info.put(ExportBag.INCIDENT, plan.incident());
        info.put(ExportBag.ORIGIN, cp.origin());
        info.put(ExportBag.SIZE, String.valueOf(cp.size()));
        info.put(ExportBag.ROOT, Base64.getEncoder().encodeToString(cp.rootHash()));
        info.put(
                ExportBag.BAGGING_DATE,
                plan.at().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        info.put("Bag-Software-Agent", "Tandem");
        info.put(
                "External-Description",
                "Tandem export of incident " + plan.incident() + " at ledger tree size " + cp.size()
                        + "; verify offline with: tandem verify <this zip> --key <the server's verifier key, from"
                        + " its operator or GET /api/v1/ledger/key on the server; never from this bag, which anyone"
                        + " who changed it could have signed again>");
        bag.finish(info);
    }

    /**
     * The audit-continuity report's retests and CC8.1 lines at the bag's checkpoint, for the OSCAL
     * document: drawn from the same snapshot as the report, so the two agree.
     */
    static OscalAssessmentResults.ChangeControl changeControl(ChangeControlAudit audit) {
        return new OscalAssessmentResults.ChangeControl(
                audit.retests().stream()
                        .map(r -> new OscalAssessmentResults.Retest(
                                r.retest().control(),
                                r.retest().configItem(),
                                r.retest().testedOn(),
                                r.retest().tester(),
                                r.retest().change(),
                                r.retest().changeTitle(),
                                r.retest().executedAt(),
                                r.retest().reason(),
                                r.cites(),
                                r.retest().closedOn(),
                                r.retest().closedBy()))
                        .toList(),
                audit.cc81().stream()
                        .map(l -> new OscalAssessmentResults.ChangeControlLine(l.text(), l.exception(), l.cites()))
                        .toList());
    }

    /**
     * The items counsel pulled back to FORENSIC before the bag's checkpoint, drawn from the same
     * snapshot as its report: each public {@code evidence.pulled-back} entry with the item's public
     * {@code evidence.added} entry (its name and index) and what it had exposed.
     */
    static List<OscalAssessmentResults.PulledBack> pulledBack(Snapshot snapshot) {
        Map<String, Long> added = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<OscalAssessmentResults.PulledBack> out = new ArrayList<>();
        for (ReportEntry e : snapshot.entries()) {
            JsonNode c = e.content();
            if (c == null) {
                continue;
            }
            String evidence = c.path("evidence").asString("");
            if (e.type().equals("evidence.added")) {
                added.put(evidence, e.index());
                names.put(evidence, c.path("name").asString(""));
            } else if (e.type().equals("evidence.pulled-back") && added.containsKey(evidence)) {
                out.add(new OscalAssessmentResults.PulledBack(
                        evidence,
                        names.getOrDefault(evidence, ""),
                        c.path("sha256").asString(""),
                        added.get(evidence),
                        e.index(),
                        e.actor(),
                        Instant.parse(e.at()),
                        c.path("reason").asString(""),
                        exposures(c.path("reads")),
                        exposures(c.path("exports"))));
            }
        }
        return out;
    }

    private static List<OscalAssessmentResults.Exposure> exposures(JsonNode list) {
        List<OscalAssessmentResults.Exposure> out = new ArrayList<>();
        list.forEach(x -> out.add(new OscalAssessmentResults.Exposure(
                x.path("index").asLong(), x.path("actor").asString(""))));
        return out;
    }

    /**
     * The evidence requests at the bag's checkpoint, drawn from the same snapshot as its report, for
     * the OSCAL document: the standing answer's AUDIT items by id (the history names no FORENSIC item),
     * and the changes and entries it links (ADR 111).
     */
    static List<OscalAssessmentResults.Request> requests(List<RequestHistory.Request> requests) {
        List<OscalAssessmentResults.Request> out = new ArrayList<>();
        for (RequestHistory.Request r : requests) {
            RequestHistory.Step standing = r.standing();
            boolean answered = standing != null && standing.step().equals("ANSWERED");
            out.add(new OscalAssessmentResults.Request(
                    r.id(),
                    r.text(),
                    r.controls(),
                    r.due(),
                    r.requestedBy(),
                    Instant.parse(r.requestedAt()),
                    r.ledgerIndex(),
                    r.status(),
                    r.overdue(),
                    r.evidence().stream().map(RequestHistory.Item::id).toList(),
                    answered ? standing.changes() : List.of(),
                    answered ? standing.entries() : List.of(),
                    r.history().stream()
                            .map(s -> new OscalAssessmentResults.Step(
                                    s.step(),
                                    s.text(),
                                    s.by(),
                                    Instant.parse(s.at()),
                                    s.ledgerIndex(),
                                    s.changes(),
                                    s.entries()))
                            .toList()));
        }
        return out;
    }
}
