package dev.tandem.server.export;

import dev.tandem.evidence.Repository;
import dev.tandem.export.BagWriter;
import dev.tandem.export.ExportBag;
import dev.tandem.export.OscalAssessmentResults;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.server.DomainException;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.IncidentExported;
import dev.tandem.server.report.Reports;
import dev.tandem.server.report.RequestHistory;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Plans and writes an incident's export bag. Everything in one bag is drawn from one signed
 * checkpoint (with the witnesses' cosignatures gathered for it): the incident's entries below its
 * size, an inclusion proof of each against it, the AUDIT items whose {@code evidence.added} entry it
 * covers, and the audit-continuity report at it. The export is recorded ({@code incident.exported})
 * before a byte is sent: it reads the items' content. An item whose file is missing is refused
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

    /** What one bag holds, fixed before it is written. */
    public record Plan(
            String incident,
            String signedCheckpoint,
            Checkpoint checkpoint,
            List<EvidenceItem> evidence,
            @Nullable Long since,
            Instant at) {
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

    /** Fixes the checkpoint and the items, and records the export. {@code since} is an older tree size. */
    public Plan plan(String incident, String actor, @Nullable Long since) {
        String signed = witnessing.cosignedCheckpoint();
        Checkpoint checkpoint = Checkpoint.parse(signed.substring(0, signed.indexOf("\n\n") + 1));
        if (since != null && (since < 1 || since > checkpoint.size())) {
            throw DomainException.badRequest(
                    "bad-since",
                    "since must be a tree size between 1 and the checkpoint's " + checkpoint.size() + ", got " + since);
        }
        List<EvidenceItem> items = vault.ofIncident(incident).stream()
                .filter(e -> e.repository() == Repository.AUDIT && e.ledgerIndex() < checkpoint.size())
                .toList();
        // A bag missing an item is refused before the export is recorded; a damaged one is found
        // as its bytes are hashed into the bag (Vault), and the bag is then broken off unfinished.
        items.forEach(vault::requirePresent);
        ledger.record(ap -> ap.record(
                new IncidentExported(
                        incident,
                        checkpoint.size(),
                        items.stream().map(EvidenceItem::id).toList(),
                        since),
                actor));
        return new Plan(incident, signed, checkpoint, items, since, clock.instant());
    }

    /** Streams the bag of {@code plan} to {@code out} (not closed). */
    public void write(Plan plan, OutputStream out) throws IOException {
        Checkpoint cp = plan.checkpoint();
        BagWriter bag = new BagWriter(out, ExportBag.bagName(plan.incident(), cp.size()));
        List<ExportBag.Evidence> index = new ArrayList<>();
        List<OscalAssessmentResults.Item> observed = new ArrayList<>();
        java.util.Set<String> written = new java.util.HashSet<>();
        for (EvidenceItem item : plan.evidence()) {
            ExportBag.Evidence e = new ExportBag.Evidence(
                    item.id(), item.name(), item.kind().name(), item.sha256(), item.size(), item.ledgerIndex());
            index.add(e);
            observed.add(new OscalAssessmentResults.Item(e, item.receivedAt()));
            if (written.add(item.sha256())) { // two items with the same bytes share one file
                try (InputStream in = vault.openForJob(item)) {
                    bag.add(ExportBag.evidencePath(item.sha256()), in);
                }
            }
        }
        bag.add(ExportBag.INDEX, ExportBag.index(index));
        bag.add(ExportBag.CHECKPOINT, plan.signedCheckpoint().getBytes(StandardCharsets.UTF_8));
        bag.add(ExportBag.KEY, (ledger.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
        List<Ledger.StoredEntry> entries = ledger.entriesOf(plan.incident()).stream()
                .filter(e -> e.index() < cp.size())
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
        if (plan.since() != null) {
            long from = plan.since();
            bag.add(
                    ExportBag.CONSISTENCY,
                    ExportBag.consistency(
                            new ExportBag.Consistency(from, cp.size(), ledger.consistencyProof(from, cp.size()))));
        }
        Reports.Rendered report = reports.auditContinuityAt(plan.incident(), plan.signedCheckpoint());
        bag.add(ExportBag.REPORT_HTML, report.html().getBytes(StandardCharsets.UTF_8));
        bag.add(ExportBag.REPORT_PDF, reports.pdf(report));
        bag.add(
                ExportBag.OSCAL,
                OscalAssessmentResults.of(
                        plan.incident(), cp, plan.at(), observed, requests(RequestHistory.of(report.snapshot()))));
        Map<String, String> info = new LinkedHashMap<>();
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
     * The evidence requests at the bag's checkpoint, drawn from the same snapshot as its report, for
     * the OSCAL document: the standing answer's AUDIT items by id (the history names no FORENSIC item).
     */
    static List<OscalAssessmentResults.Request> requests(List<RequestHistory.Request> requests) {
        List<OscalAssessmentResults.Request> out = new ArrayList<>();
        for (RequestHistory.Request r : requests) {
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
                    r.history().stream()
                            .map(s -> new OscalAssessmentResults.Step(
                                    s.step(), s.text(), s.by(), Instant.parse(s.at()), s.ledgerIndex()))
                            .toList()));
        }
        return out;
    }
}
