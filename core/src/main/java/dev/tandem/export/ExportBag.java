package dev.tandem.export;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The layout of an incident's export bag (docs/contracts.md §5) and the JSON of its ledger files. */
public final class ExportBag {
    /** Paths under {@code data/}. */
    public static final String EVIDENCE_DIR = "evidence/";

    public static final String INDEX = "evidence/index.json";
    public static final String CHECKPOINT = "ledger/checkpoint";
    public static final String KEY = "ledger/key";
    public static final String ENTRIES = "ledger/entries.jsonl";
    public static final String PROOFS = "ledger/proofs.jsonl";
    public static final String CONSISTENCY = "ledger/consistency.json";
    /**
     * The checkpoint the bag is drawn from, signed by the log alone (the reports print it), and the
     * consistency proof from it to the bag's checkpoint (docs/contracts.md, notes on the export bag).
     */
    public static final String DRAWN_CHECKPOINT = "ledger/drawn-checkpoint";

    public static final String DRAWN_CONSISTENCY = "ledger/drawn-consistency.json";
    public static final String REPORT_HTML = "reports/audit-continuity.html";
    public static final String REPORT_PDF = "reports/audit-continuity.pdf";
    public static final String OSCAL = "oscal/assessment-results.json";
    /**
     * The analyses' timeline entries every member may read, one JSON line each, drawn from the bag's
     * ledger entries ({@link AnalysisTimelineFile}); in bags of format 3 and later.
     */
    public static final String ANALYSIS_TIMELINE = "analysis/timeline.jsonl";

    /** The first format whose bags hold {@link #ANALYSIS_TIMELINE}. */
    public static final int FORMAT_WITH_TIMELINE = 3;

    /** bag-info.txt labels (docs/contracts.md §5). */
    public static final String INCIDENT = "Tandem-Incident";

    public static final String ORIGIN = "Tandem-Checkpoint-Origin";
    public static final String SIZE = "Tandem-Checkpoint-Size";
    public static final String ROOT = "Tandem-Checkpoint-Root";
    public static final String BAGGING_DATE = "Bagging-Date";

    /**
     * The bag-info.txt label that declares the bag's format (docs/contracts.md §5), a custom metadata
     * element (RFC 8493 §2.2.2): a bag without it is of format 1, made before bags declared one.
     */
    public static final String FORMAT = "Tandem-Bag-Format";

    /**
     * The format this build writes, and the newest its verifier knows. Raise it with every change of
     * the bag that a verifier of the format before would reject (a new file, a file of new meaning).
     */
    public static final int FORMAT_VERSION = 3;

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private ExportBag() {}

    /** One AUDIT item in {@code data/evidence/index.json}. */
    public record Evidence(String id, String name, String kind, String sha256, long size, long ledgerIndex) {}

    public record Entry(long index, byte[] leaf) {}

    public record Proof(long index, long size, List<byte[]> hashes) {}

    public record Consistency(long from, long to, List<byte[]> hashes) {}

    public static String evidencePath(String sha256) {
        return EVIDENCE_DIR + sha256;
    }

    public static byte[] index(List<Evidence> items) {
        ArrayNode a = JSON.createArrayNode();
        for (Evidence e : items) {
            a.addObject()
                    .put("id", e.id())
                    .put("name", e.name())
                    .put("kind", e.kind())
                    .put("sha256", e.sha256())
                    .put("size", e.size())
                    .put("ledgerIndex", e.ledgerIndex());
        }
        return bytes(a);
    }

    /** {@code {"index":I,"leaf":"<base64>"}} and a newline. */
    public static byte[] entryLine(Entry e) {
        ObjectNode o = JSON.createObjectNode().put("index", e.index()).put("leaf", B64.encodeToString(e.leaf()));
        return line(o);
    }

    /** {@code {"index":I,"size":N,"hashes":[…]}} and a newline. */
    public static byte[] proofLine(Proof p) {
        ObjectNode o = JSON.createObjectNode().put("index", p.index()).put("size", p.size());
        ArrayNode h = o.putArray("hashes");
        p.hashes().forEach(x -> h.add(B64.encodeToString(x)));
        return line(o);
    }

    public static byte[] consistency(Consistency c) {
        ObjectNode o = JSON.createObjectNode().put("from", c.from()).put("to", c.to());
        ArrayNode h = o.putArray("hashes");
        c.hashes().forEach(x -> h.add(B64.encodeToString(x)));
        return line(o);
    }

    /**
     * The files of a bag that the export entry binds by SHA-256 ({@code incident.exported} {@code files},
     * docs/contracts.md §5): drawn from the entries, signed by nothing else; the OSCAL document as it
     * was before the bag's checkpoint was written into it ({@link OscalAssessmentResults#pending}), the
     * drawn checkpoint since bags hold it.
     */
    public static final List<String> BOUND_FILES = List.of(REPORT_HTML, REPORT_PDF, OSCAL, DRAWN_CHECKPOINT);

    /**
     * The listing of a bag's entries that its {@code incident.exported} entry records
     * ({@code entries.sha256}, docs/contracts.md §5): the SHA-256, in lowercase hex, of the indices in
     * ascending order, each in decimal ASCII followed by a line feed ({@code "0\n3\n7\n"}), so that
     * {@code jq -r '.index' entries.jsonl | head -n <count> | sha256sum} recomputes it.
     */
    public static String entriesSha256(List<Long> ascending) {
        StringBuilder text = new StringBuilder();
        ascending.forEach(i -> text.append(i).append('\n'));
        return sha256(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Lowercase hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides SHA-256", e);
        }
    }

    /** The bag's base directory name: {@code tandem-<incident>-at-<size>}. */
    public static String bagName(String incident, long size) {
        String safe = incident.replaceAll("[^A-Za-z0-9._-]", "_");
        return "tandem-" + safe + "-at-" + size;
    }

    static byte[] bytes(Object node) {
        return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] line(@Nullable Object node) {
        return (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
