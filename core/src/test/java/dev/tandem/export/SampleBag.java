package dev.tandem.export;

import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.InMemoryNodeStore;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A log of other incidents' entries interleaved with one incident's (opened by entry 0, an evidence
 * request answered with two of its AUDIT items at {@link #ANSWER}), and that incident's export bag
 * written by {@link BagWriter} exactly as the server writes it (or as an earlier build did, {@link Build}): the fixture the verifier's tamper
 * tests and the Go interoperability test start from.
 */
public final class SampleBag {
    static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String INCIDENT = "INC-7";
    public static final String ORIGIN = "tandem/bag-test";
    /** The step of the loop that answers an evidence request with ev-6 and ev-11. */
    static final int ANSWER = 32;
    /** The step at which an earlier export (one that listed its bag) is recorded, in a listed sample. */
    static final int EARLIER_EXPORT = 37;

    public final NoteSigner signer = NoteSigner.generate(ORIGIN);
    public final InMemoryNodeStore store = new InMemoryNodeStore();
    public final CompactRange range = CompactRange.empty();
    public final List<byte[]> leaves = new ArrayList<>();
    public final List<ExportBag.Entry> entries = new ArrayList<>();
    public final List<ExportBag.Evidence> evidence = new ArrayList<>();
    public final Map<String, byte[]> blobs = new LinkedHashMap<>();
    /** A checkpoint kept by an auditor earlier (signed), and the bag's own. */
    public String oldCheckpoint;

    public String checkpoint;
    long oldSize;
    final Instant at = Instant.parse("2026-11-27T09:00:00Z");

    /** The tree size the bag is drawn from, and the export entry's index (-1: an older build's bag). */
    public long drawnSize;

    public long exportIndex = -1;
    /** The reports and OSCAL document as the bag holds them. */
    public final byte[] html = "<html><body>report</body></html>".getBytes(StandardCharsets.UTF_8);

    public final byte[] pdf = "%PDF-1.7\n% report\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    public byte[] oscal;

    /** Which build wrote the bag. */
    public enum Build {
        /** Drawn from the last checkpoint, its export entry (recorded after that) not in the bag. */
        UNLISTED,
        /**
         * Ending with its own export entry, which lists it; the drawn checkpoint (cosigned, printed by the
         * reports) not in the bag, the OSCAL document naming only it and recorded by its bytes' SHA-256.
         */
        LISTED,
        /**
         * Listed, and holding the drawn checkpoint signed by the log with its consistency proof to the
         * bag's; the OSCAL document names the bag's checkpoint too. Its bag-info.txt declares no format:
         * format 1, the last build's before bags declared their format.
         */
        DRAWN,
        /** {@link #DRAWN}'s files, bag-info.txt declaring format 2: the last build's before bags held the analysis timeline. */
        FORMAT_2,
        /**
         * As the server writes it now: {@link #DRAWN}'s files and the analysis timeline, bag-info.txt declaring
         * {@link ExportBag#FORMAT} {@link ExportBag#FORMAT_VERSION} (docs/contracts.md §5).
         */
        DECLARED;

        /** Whether the bag holds its drawn checkpoint. */
        boolean drawn() {
            return compareTo(DRAWN) >= 0;
        }
    }

    public final Build build;
    /** The index of the bag's public {@code leak.timeline-entry} ({@link Build#DECLARED}), -1 otherwise. */
    public long timelineEntry = -1;
    /** The checkpoint the bag is drawn from, signed by the log ({@link Build#DRAWN}). */
    public String drawnCheckpoint;

    /** The bag as the server writes it: it ends with its own export entry, which lists it. */
    public SampleBag() {
        this(Build.DECLARED);
    }

    /**
     * @param listed false: as an older build wrote it, drawn from the last checkpoint, its export entry
     *     (recorded after that) not in the bag; true: as the server writes it
     */
    public SampleBag(boolean listed) {
        this(listed ? Build.DECLARED : Build.UNLISTED, null);
    }

    public SampleBag(Build build) {
        this(build, null);
    }

    /**
     * @param pulledBack an AUDIT item counsel pulls back to FORENSIC after it was read (and, listed,
     *     exported): an {@code evidence.read} of it and its {@code evidence.pulled-back} entry are
     *     recorded before the bag is drawn, which then holds it no longer
     */
    public SampleBag(boolean listed, String pulledBack) {
        this(listed ? Build.DECLARED : Build.UNLISTED, pulledBack);
    }

    public SampleBag(Build build, String pulledBack) {
        this.build = build;
        boolean listed = build != Build.UNLISTED;
        for (int i = 0; i < 40; i++) {
            if (i == 20) {
                oldSize = leaves.size();
                oldCheckpoint = signer.sign(new Checkpoint(ORIGIN, oldSize, range.rootHash()).text());
            }
            if (i == 0) {
                append(
                        "incident.opened",
                        INCIDENT,
                        JSON.createObjectNode()
                                .put("id", INCIDENT)
                                .put("title", "Customer export on a public bucket")
                                .put("severity", "HIGH")
                                .put("timeZone", "UTC"));
            } else if (i == ANSWER) {
                ObjectNode body =
                        JSON.createObjectNode().put("request", "req-1").put("status", "ANSWERED");
                body.putArray("evidence").add("ev-6").add("ev-11");
                append("evidence-request.answered", INCIDENT, body.put("text", "the firewall logs"));
            } else if (i == EARLIER_EXPORT && listed) {
                exportEntry(i, new ArrayList<>(entries));
            } else if (i % 5 == 1) {
                // ev-36 is ev-31's content again (the same log uploaded twice): two items, one blob
                int of = i == 36 ? 31 : i;
                byte[] content =
                        ("firewall log line " + of + "\n").repeat(50 + of).getBytes(StandardCharsets.UTF_8);
                String sha = sha256(content);
                String id = "ev-" + i;
                ObjectNode body = JSON.createObjectNode()
                        .put("evidence", id)
                        .put("repository", "AUDIT")
                        .put("kind", "LOG")
                        .put("name", "fw-" + i + ".log")
                        .put("sha256", sha)
                        .put("size", content.length)
                        .put("receivedAt", at.plusSeconds(i).toString());
                long index = append("evidence.added", INCIDENT, body);
                evidence.add(new ExportBag.Evidence(id, "fw-" + i + ".log", "LOG", sha, content.length, index));
                blobs.put(sha, content);
            } else if (i % 5 == 3) {
                ObjectNode body = JSON.createObjectNode()
                        .put("repository", "FORENSIC")
                        .put("commitment", sha256(("secret " + i).getBytes(StandardCharsets.UTF_8)));
                append("evidence.added", INCIDENT, body);
            } else {
                append(
                        "note",
                        i % 2 == 0 ? "INC-OTHER" : null,
                        JSON.createObjectNode().put("n", i));
            }
        }
        if (build == Build.DECLARED) {
            // An analysis's timeline (ADR 115): a login read from an AUDIT item, in the clear, and an
            // extraction read from FORENSIC evidence, a commitment that the bag's timeline file leaves out.
            ExportBag.Evidence from = evidence.getFirst();
            ObjectNode login = JSON.createObjectNode()
                    .put("analysis", "job-1")
                    .put("ordinal", 0)
                    .put("at", "2025-03-10T03:15:00Z")
                    .put("kind", "login")
                    .put("subject", "integration@example.com")
                    .put("ip", "203.0.113.7")
                    .put("text", "integration@example.com logged in from 203.0.113.7 (Success)")
                    .put("file", from.name())
                    .put("line", 2);
            login.putArray("evidence").addObject().put("id", from.id()).put("sha256", from.sha256());
            timelineEntry = append(AnalysisTimelineFile.TYPE, INCIDENT, login);
            append(
                    AnalysisTimelineFile.TYPE,
                    INCIDENT,
                    JSON.createObjectNode()
                            .put("repository", "FORENSIC")
                            .put("commitment", sha256("extraction".getBytes(StandardCharsets.UTF_8))));
        }
        if (pulledBack != null) {
            ExportBag.Evidence item = evidence.stream()
                    .filter(e -> e.id().equals(pulledBack))
                    .findFirst()
                    .orElseThrow();
            long read = append(
                    "evidence.read",
                    INCIDENT,
                    JSON.createObjectNode().put("evidence", item.id()).put("sha256", item.sha256()));
            ObjectNode body = JSON.createObjectNode()
                    .put("evidence", item.id())
                    .put("sha256", item.sha256())
                    .put("from", "AUDIT")
                    .put("to", "FORENSIC")
                    .put("reason", "counsel's forensic memo, filed to AUDIT by mistake");
            body.putArray("reads").addObject().put("index", read).put("actor", "alice");
            body.putArray("exports");
            append("evidence.pulled-back", INCIDENT, body);
            evidence.remove(item);
            blobs.remove(item.sha256());
        }
        drawnSize = leaves.size();
        Checkpoint drawn = new Checkpoint(ORIGIN, drawnSize, range.rootHash());
        List<OscalAssessmentResults.Item> items = new ArrayList<>();
        for (ExportBag.Evidence e : evidence) {
            items.add(new OscalAssessmentResults.Item(e, at.plusSeconds(e.ledgerIndex())));
        }
        oscal = OscalAssessmentResults.of(INCIDENT, drawn, at.plusSeconds(3600), items);
        if (build.drawn()) {
            drawnCheckpoint = signer.sign(drawn.text());
        } else {
            oscal = withoutBagCheckpoint(oscal);
        }
        if (listed) {
            // Another member's entry of the incident lands between the drawn checkpoint and the export
            // entry: the bag leaves it out, as the server does.
            append("note", INCIDENT, JSON.createObjectNode().put("n", 40));
            entries.removeLast();
            append("note", "INC-OTHER", JSON.createObjectNode().put("n", 41));
            exportIndex = exportEntry(drawnSize, entries);
            append("note", null, JSON.createObjectNode().put("n", 43));
        }
        checkpoint = signer.sign(new Checkpoint(ORIGIN, leaves.size(), range.rootHash()).text());
    }

    /** Records an export drawn at {@code size} listing {@code listed}, with this bag's reports and OSCAL. */
    private long exportEntry(long size, List<ExportBag.Entry> listed) {
        ObjectNode body = JSON.createObjectNode().put("treeSize", size);
        var ids = body.putArray("evidence");
        evidence.forEach(e -> ids.add(e.id()));
        body.putNull("since");
        body.putObject("entries")
                .put("count", listed.size())
                .put(
                        "sha256",
                        ExportBag.entriesSha256(
                                listed.stream().map(ExportBag.Entry::index).toList()));
        body.putObject("files")
                .put("data/" + ExportBag.REPORT_HTML, sha256(html))
                .put("data/" + ExportBag.REPORT_PDF, sha256(pdf))
                .put("data/" + ExportBag.OSCAL, sha256(oscal == null ? new byte[0] : oscal));
        if (drawnCheckpoint != null && size == drawnSize) {
            ((ObjectNode) body.get("files"))
                    .put(
                            "data/" + ExportBag.DRAWN_CHECKPOINT,
                            sha256(drawnCheckpoint.getBytes(StandardCharsets.UTF_8)));
        }
        return append("incident.exported", INCIDENT, body);
    }

    private long append(String type, String incident, ObjectNode body) {
        byte[] leaf = new LedgerEntry(type, incident, "alice", at.plusSeconds(leaves.size()), body).leaf();
        long index = leaves.size();
        leaves.add(leaf);
        store.putAll(range.append(MerkleLog.leafHash(leaf)));
        if (INCIDENT.equals(incident)) {
            entries.add(new ExportBag.Entry(index, leaf));
        }
        return index;
    }

    public long size() {
        return leaves.size();
    }

    /** Writes the bag as a zip; {@code since} adds the consistency proof from the old checkpoint. */
    public void write(OutputStream out, boolean since) throws IOException {
        Checkpoint cp = Checkpoint.parse(checkpoint.substring(0, checkpoint.indexOf("\n\n") + 1));
        BagWriter bag = new BagWriter(out, ExportBag.bagName(INCIDENT, cp.size()));
        java.util.Set<String> written = new java.util.HashSet<>();
        for (ExportBag.Evidence e : evidence) {
            if (written.add(e.sha256())) { // as the server writes it: one file for items with the same bytes
                bag.add(ExportBag.evidencePath(e.sha256()), blobs.get(e.sha256()));
            }
        }
        bag.add(ExportBag.INDEX, ExportBag.index(evidence));
        bag.add(ExportBag.CHECKPOINT, checkpoint.getBytes(StandardCharsets.UTF_8));
        bag.add(ExportBag.KEY, (signer.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
        if (build.drawn()) {
            bag.add(ExportBag.DRAWN_CHECKPOINT, drawnCheckpoint.getBytes(StandardCharsets.UTF_8));
            bag.add(
                    ExportBag.DRAWN_CONSISTENCY,
                    ExportBag.consistency(new ExportBag.Consistency(
                            drawnSize, cp.size(), MerkleLog.consistencyProof(drawnSize, cp.size(), store))));
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        entries.forEach(e -> lines.writeBytes(ExportBag.entryLine(e)));
        bag.add(ExportBag.ENTRIES, lines.toByteArray());
        lines.reset();
        for (ExportBag.Entry e : entries) {
            lines.writeBytes(ExportBag.proofLine(
                    new ExportBag.Proof(e.index(), cp.size(), MerkleLog.inclusionProof(e.index(), cp.size(), store))));
        }
        bag.add(ExportBag.PROOFS, lines.toByteArray());
        if (build == Build.DECLARED) {
            Map<Long, byte[]> byIndex = new LinkedHashMap<>();
            entries.forEach(e -> byIndex.put(e.index(), e.leaf()));
            bag.add(
                    ExportBag.ANALYSIS_TIMELINE,
                    AnalysisTimelineFile.bytes(AnalysisTimelineFile.lines(byIndex, drawnSize)));
        }
        if (since) {
            bag.add(
                    ExportBag.CONSISTENCY,
                    ExportBag.consistency(new ExportBag.Consistency(
                            oldSize, cp.size(), MerkleLog.consistencyProof(oldSize, cp.size(), store))));
        }
        bag.add(ExportBag.REPORT_HTML, html);
        bag.add(ExportBag.REPORT_PDF, pdf);
        bag.add(ExportBag.OSCAL, build.drawn() ? OscalAssessmentResults.sealed(oscal, cp) : oscal);
        Map<String, String> info = new LinkedHashMap<>();
        if (build == Build.DECLARED) {
            info.put(ExportBag.FORMAT, String.valueOf(ExportBag.FORMAT_VERSION));
        } else if (build == Build.FORMAT_2) {
            info.put(ExportBag.FORMAT, "2");
        }
        info.put(ExportBag.INCIDENT, INCIDENT);
        info.put(ExportBag.ORIGIN, cp.origin());
        info.put(ExportBag.SIZE, String.valueOf(cp.size()));
        info.put(ExportBag.ROOT, java.util.Base64.getEncoder().encodeToString(cp.rootHash()));
        info.put(ExportBag.BAGGING_DATE, "2026-11-27");
        bag.finish(info);
    }

    public Path write(Path file, boolean since) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, since);
        }
        return file;
    }

    /** Every file of a zipped bag, by its path in the bag. */
    public static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                files.put(e.getName().substring(e.getName().indexOf('/') + 1), in.readAllBytes());
            }
        }
        return files;
    }

    /** Writes {@code files} back as a bag, unchanged byte for byte (manifests as given). */
    public static Path zip(Map<String, byte[]> files, Path zip) throws IOException {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new ZipEntry("bag/" + f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    /** Writes {@code files}' payload as a fresh bag, so its manifests agree with whatever was changed. */
    public static Path rebag(Map<String, byte[]> files, Path zip) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip)) {
            BagWriter bag = new BagWriter(out, "bag");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (f.getKey().startsWith("data/")) {
                    bag.add(f.getKey().substring(5), f.getValue());
                }
            }
            Map<String, String> info = new LinkedHashMap<>();
            for (String line : new String(files.get("bag-info.txt"), StandardCharsets.UTF_8).split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0 && !line.startsWith("Payload-Oxum")) {
                    info.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            bag.finish(info);
        }
        return zip;
    }

    /** The OSCAL document as builds before {@link Build#DRAWN} wrote it: naming the drawn checkpoint only. */
    static byte[] withoutBagCheckpoint(byte[] oscal) {
        ObjectNode doc = (ObjectNode) JSON.readTree(oscal);
        var props = (tools.jackson.databind.node.ArrayNode)
                doc.path("assessment-results").path("metadata").path("props");
        for (int i = props.size() - 1; i >= 0; i--) {
            ObjectNode p = (ObjectNode) props.get(i);
            if (p.path("name").asString("").startsWith("bag-")) {
                props.remove(i);
            } else {
                p.remove("remarks");
            }
        }
        return ExportBag.bytes(doc);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
