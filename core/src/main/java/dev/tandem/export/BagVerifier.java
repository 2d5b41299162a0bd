package dev.tandem.export;

import dev.tandem.export.BagCheck.Failed;
import dev.tandem.export.BagCheck.Problem;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CosignatureVerifier;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MalformedLeafException;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteCheck;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.ledger.ProofCheck;
import dev.tandem.ledger.ProofVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Verifies an export bag offline (docs/contracts.md §5), in this order, stopping at the first failure
 * and naming the file, zip entry or ledger entry: the zip holds the bag's base directory only, each
 * entry once; the BagIt declaration; the manifests the contract requires; every tag manifest line;
 * every payload manifest line in SHA-256 and SHA-512, no file left unlisted (RFC 8493 §3), no payload
 * file the contract does not define and none it requires missing; the Payload-Oxum; the checkpoint's
 * signature, with a pinned key or the bag's own; the witnesses' cosignatures against a quorum; every
 * ledger leaf and its RFC 9162 inclusion proof against the checkpoint, the incident's
 * {@code incident.opened} among them; every evidence file's SHA-256 against its {@code evidence.added}
 * entry, and every AUDIT item the entries add or cite present, unless an entry records that counsel
 * pulled it back to FORENSIC ({@code evidence.pulled-back}); and, given an older checkpoint, the
 * consistency proof from it. First of all, the format bag-info.txt declares: a bag of a format newer
 * than this verifier knows fails as such, not as a list of files it does not know. The bag's last
 * entry is its own {@code incident.exported} entry, which lists the incident's entries below the tree
 * size the bag was drawn from and the SHA-256 of the reports and the OSCAL document; a bag made before
 * that (no such entry) verifies with a warning, its reports and OSCAL document bound by the manifests
 * only.
 */
public final class BagVerifier {

    /**
     * @param pinnedKey the log's verifier key, received out of band; null uses the bag's own (with a warning)
     * @param oldCheckpoint a signed checkpoint the auditor kept from earlier; null skips the consistency check
     * @param witnessKeys cosigner keys whose cosignatures count towards {@code quorum}
     */
    public record Options(
            @Nullable String pinnedKey, @Nullable String oldCheckpoint, List<String> witnessKeys, int quorum) {
        public static final Options DEFAULT = new Options(null, null, List.of(), 0);
    }

    private static final List<String> ALGORITHMS = BagWriter.ALGORITHMS;

    /** The entry that moves an AUDIT item to FORENSIC: the bag no longer holds the item. */
    static final String PULLED_BACK = "evidence.pulled-back";

    /** The tag manifest docs/contracts.md §5 requires; {@code tagmanifest-sha512.txt} is Tandem's addition. */
    private static final String TAG_MANIFEST = "tagmanifest-sha256.txt";

    /** The payload files every bag holds (docs/contracts.md §5); the evidence files depend on the entries. */
    static final List<String> REQUIRED_PAYLOAD = List.of(
            "data/" + ExportBag.INDEX,
            "data/" + ExportBag.CHECKPOINT,
            "data/" + ExportBag.KEY,
            "data/" + ExportBag.ENTRIES,
            "data/" + ExportBag.PROOFS,
            "data/" + ExportBag.REPORT_HTML,
            "data/" + ExportBag.REPORT_PDF,
            "data/" + ExportBag.OSCAL);

    /** Drawn from the entries, but bound to the checkpoint by nothing but the bag's own manifests. */
    private static final List<String> MANIFESTS_ONLY =
            List.of("data/" + ExportBag.REPORT_HTML, "data/" + ExportBag.REPORT_PDF, "data/" + ExportBag.OSCAL);

    /**
     * The bag-info.txt fields a signature binds: the incident (every entry of the bag is of it, its
     * {@code incident.opened} among them) and the checkpoint (the signed one's, field by field). Every
     * other field is not signed (ADR 142).
     */
    static final List<String> BOUND_INFO =
            List.of(ExportBag.INCIDENT, ExportBag.ORIGIN, ExportBag.SIZE, ExportBag.ROOT);

    /**
     * The tag files BagIt defines and this verifier reads: the declaration, bag-info.txt (field by
     * field) and the manifests it checks every line of. Any other is not signed (ADR 142).
     */
    private static final List<String> BAGIT_TAG_FILES = List.of(
            "bagit.txt",
            "bag-info.txt",
            "manifest-sha256.txt",
            "manifest-sha512.txt",
            "tagmanifest-sha256.txt",
            "tagmanifest-sha512.txt");

    /** Entry types whose readable body cites AUDIT items by id in {@code evidence} (docs/contracts.md §5.1). */
    private static final String REQUEST_STEP = "evidence-request.";

    private final Options options;
    private final List<String> warnings = new ArrayList<>();

    /** The line of each file in each manifest, by the manifest's name, for the failure to name (ADR 151). */
    private final Map<String, Map<String, Integer>> manifestLines = new HashMap<>();

    private BagVerifier(Options options) {
        this.options = options;
    }

    /** Verifies the bag at {@code path}, a zip or an unpacked bag folder. */
    public static BagCheck verify(Path path, Options options) throws IOException {
        try (BagFiles files = BagFiles.open(path)) {
            return new BagVerifier(options).run(files);
        }
    }

    /** Thrown inside to stop at the first failure. */
    private static final class Stop extends Exception {
        final Problem problem;
        final String where;

        Stop(Problem problem, String where, String reason) {
            super(reason, null, false, false);
            this.problem = problem;
            this.where = where;
        }
    }

    private BagCheck run(BagFiles files) throws IOException {
        try {
            return new BagCheck.Verified(check(files), List.copyOf(warnings));
        } catch (Stop s) {
            return new Failed(s.problem, s.where, s.getMessage(), List.copyOf(warnings));
        } catch (BagFiles.Damaged d) {
            return new Failed(
                    Problem.CHANGED_BYTE,
                    d.path,
                    "its compressed bytes in the zip cannot be inflated ("
                            + d.getCause().getMessage() + "): the zip was changed after it was written",
                    List.copyOf(warnings));
        }
    }

    private BagCheck.Summary check(BagFiles files) throws IOException, Stop {
        // The container: the zip holds the bag's base directory, each entry once, at a safe path.
        BagFiles.Defect defect = files.defect();
        if (defect != null) {
            throw new Stop(defect.problem(), defect.where(), defect.reason());
        }
        // The format the bag declares (docs/contracts.md §5): a newer one is named as such, before its
        // files are judged by the rules of the formats this verifier knows.
        int format = format(files);
        // RFC 8493 §2.1.1: the declaration.
        String bagit = text(files, "bagit.txt");
        List<String[]> declarationFields = fieldList(bagit, "bagit.txt");
        Map<String, String> declaration = fields(declarationFields);
        if (!"1.0".equals(declaration.get("BagIt-Version"))
                || !"UTF-8".equalsIgnoreCase(declaration.get("Tag-File-Character-Encoding"))) {
            throw new Stop(
                    Problem.MALFORMED,
                    "bagit.txt",
                    "expected BagIt-Version: 1.0 and Tag-File-Character-Encoding: UTF-8");
        }
        // The manifests docs/contracts.md §5 requires: the payload's in SHA-256 and SHA-512, the tag files' in SHA-256.
        requireManifests(files);
        // Tag manifests (RFC 8493 §2.2.1), then payload manifests (§2.1.3), every line.
        Map<String, Map<String, String>> tagManifests = manifests(files, "tagmanifest-");
        Map<String, Map<String, String>> payloadManifests = manifests(files, "manifest-");
        fixity(files, tagManifests, "tagmanifest-");
        Map<String, String> payloadHashes = fixity(files, payloadManifests, "manifest-");
        // Completeness: every payload file in every payload manifest and defined by the contract; every
        // other file in every tag manifest; every file the contract requires.
        for (String path : files.paths()) {
            boolean tagManifest = path.startsWith("tagmanifest-") && path.endsWith(".txt") && !path.contains("/");
            if (path.startsWith("data/")) {
                for (String a : ALGORITHMS) {
                    if (!payloadManifests.get(a).containsKey(path)) {
                        throw new Stop(
                                Problem.EXTRA_FILE,
                                path,
                                "not listed in manifest-" + a + ".txt (RFC 8493 §3: every payload file is listed in"
                                        + " every payload manifest)");
                    }
                }
                if (!definedPayload(path)) {
                    throw new Stop(
                            Problem.EXTRA_FILE,
                            path,
                            "the contract defines no such payload file (docs/contracts.md §5: data/evidence/<sha256>"
                                    + " and its index.json, data/ledger/, data/reports/, data/oscal/)");
                }
            } else if (!tagManifest && !path.equals("bagit.txt")) {
                for (String a : tagManifests.keySet()) {
                    if (!tagManifests.get(a).containsKey(path)) {
                        throw new Stop(Problem.EXTRA_FILE, path, "not listed in tagmanifest-" + a + ".txt");
                    }
                }
            }
        }
        for (String required : REQUIRED_PAYLOAD) {
            if (!files.exists(required)) {
                throw new Stop(
                        Problem.MISSING_FILE,
                        required,
                        "every bag holds it (docs/contracts.md §5); the manifests were written without it");
            }
        }
        String infoText = text(files, "bag-info.txt");
        List<String[]> infoFields = fieldList(infoText, "bag-info.txt");
        Map<String, String> info = fields(infoFields);
        // A bound field given twice would show a reader a value that only its other line is checked for.
        for (String label : BOUND_INFO) {
            List<String> given = infoFields.stream()
                    .filter(f -> f[0].equals(label))
                    .map(f -> f[1])
                    .toList();
            if (given.size() > 1) {
                throw new Stop(
                        Problem.MALFORMED,
                        "bag-info.txt",
                        "it gives " + label + " " + given.size() + " times (" + String.join(", ", given)
                                + "); a bag has one");
            }
        }
        long octets = 0;
        int streams = 0;
        for (String path : payloadManifests.get("sha256").keySet()) {
            octets += sizes.getOrDefault(path, 0L);
            streams++;
        }
        String oxum = octets + "." + streams;
        String declared = info.get("Payload-Oxum");
        if (declared != null && !oxum.equals(declared)) {
            throw new Stop(
                    Problem.PAYLOAD_COUNT,
                    "bag-info.txt",
                    "Payload-Oxum " + declared + " says " + oxumWords(declared) + "; the payload is " + streams
                            + " files, " + octets + " bytes: a payload file was added or removed, or its size"
                            + " changed, and the manifests rewritten");
        }

        // The checkpoint and its signature.
        String bagKey = text(files, "data/" + ExportBag.KEY).strip();
        String key = options.pinnedKey() != null ? options.pinnedKey().strip() : bagKey;
        if (options.pinnedKey() == null) {
            warnings.add("the checkpoint was checked with the key inside the bag (" + bagKey + "): pin the key you"
                    + " received out of band with --key");
        } else if (!key.equals(bagKey)) {
            warnings.add("the bag's data/ledger/key (" + bagKey + ") is not the pinned key");
        }
        NoteVerifier verifier;
        try {
            verifier = NoteVerifier.parse(key);
        } catch (IllegalArgumentException e) {
            throw new Stop(
                    Problem.MALFORMED, options.pinnedKey() != null ? "--key" : "data/" + ExportBag.KEY, e.getMessage());
        }
        String signed = text(files, "data/" + ExportBag.CHECKPOINT);
        Checkpoint checkpoint = open(verifier, signed, "data/" + ExportBag.CHECKPOINT);
        String root = Base64.getEncoder().encodeToString(checkpoint.rootHash());
        String incident = info.getOrDefault(ExportBag.INCIDENT, "");
        if (incident.isBlank()) {
            throw new Stop(Problem.MALFORMED, "bag-info.txt", "it names no " + ExportBag.INCIDENT);
        }
        if (!String.valueOf(checkpoint.size()).equals(info.get(ExportBag.SIZE))
                || !root.equals(info.get(ExportBag.ROOT))
                || !checkpoint.origin().equals(info.get(ExportBag.ORIGIN))) {
            throw new Stop(
                    Problem.MALFORMED,
                    "bag-info.txt",
                    "its checkpoint fields (" + info.get(ExportBag.ORIGIN) + ", size " + info.get(ExportBag.SIZE)
                            + ", root " + info.get(ExportBag.ROOT) + ") are not the signed checkpoint's ("
                            + checkpoint.origin() + ", size " + checkpoint.size() + ", root " + root + ")");
        }
        List<BagCheck.Cosigned> cosigned = witnesses(signed);

        // Every entry's leaf, and its inclusion proof against the checkpoint (RFC 9162 §2.1.3.2).
        Map<Long, byte[]> leaves = entries(files, incident, checkpoint.size());
        proofs(files, leaves, checkpoint);
        // The bag's own export entry: which entries, reports and OSCAL document the bag holds.
        Listing listing = listing(files, leaves, payloadHashes, verifier, checkpoint);
        // Every evidence file against its evidence.added entry.
        int evidence = evidence(files, payloadHashes, leaves);
        // The analysis timeline against the leak.timeline-entry entries it is drawn from (ADR 115).
        int timeline =
                timeline(files, format, leaves, listing.exportEntry() >= 0 ? listing.treeSize() : checkpoint.size());
        long from = consistency(files, verifier, checkpoint);
        List<String> manifestsOnly = new ArrayList<>(MANIFESTS_ONLY);
        manifestsOnly.removeAll(listing.bound());
        if (from < 0 && files.exists("data/" + ExportBag.CONSISTENCY)) {
            manifestsOnly.add("data/" + ExportBag.CONSISTENCY + " (checked only with --since)");
        }
        // The last entry, the bag's own export entry when it has one: its time and actor are signed with it.
        long lastIndex =
                leaves.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
        LedgerEntry last = LedgerEntry.fromLeaf(leaves.get(lastIndex));
        return new BagCheck.Summary(
                incident,
                checkpoint.origin(),
                checkpoint.size(),
                root,
                options.pinnedKey() != null,
                files.paths().size(),
                octets,
                leaves.size(),
                evidence,
                cosigned.size(),
                from,
                List.copyOf(manifestsOnly),
                listing.exportEntry(),
                listing.treeSize(),
                listing.bound(),
                listing.drawnRoot(),
                format,
                timeline,
                lastIndex,
                last.atText(),
                last.actor(),
                cosigned,
                bagKey,
                notSigned(files, declarationFields, infoFields));
    }

    /**
     * {@code data/analysis/timeline.jsonl}: in a bag of format 3 or later, exactly the lines its
     * public {@code leak.timeline-entry} entries below {@code drawn} make ({@link AnalysisTimelineFile});
     * in an older bag, absent. Answers how many lines it holds, -1 for an older bag.
     */
    private static int timeline(BagFiles files, int format, Map<Long, byte[]> leaves, long drawn)
            throws IOException, Stop {
        String path = "data/" + ExportBag.ANALYSIS_TIMELINE;
        if (format < ExportBag.FORMAT_WITH_TIMELINE) {
            if (files.exists(path)) {
                throw new Stop(
                        Problem.EXTRA_FILE,
                        path,
                        "bag-info.txt declares format " + format + ", and bags hold the analysis timeline from"
                                + " format " + ExportBag.FORMAT_WITH_TIMELINE + " on (docs/contracts.md §5)");
            }
            return -1;
        }
        if (!files.exists(path)) {
            throw new Stop(
                    Problem.MISSING_FILE,
                    path,
                    "every bag of format " + ExportBag.FORMAT_WITH_TIMELINE + " or later holds it, empty when no"
                            + " analysis timeline entry may be read by every member (docs/contracts.md §5)");
        }
        List<String> expected = AnalysisTimelineFile.lines(leaves, drawn);
        java.util.Optional<String> wrong = AnalysisTimelineFile.difference(text(files, path), expected);
        if (wrong.isPresent()) {
            throw new Stop(Problem.CHANGED_BYTE, path, wrong.get());
        }
        return expected.size();
    }

    /**
     * The format bag-info.txt declares in its {@link ExportBag#FORMAT} line; a bag without one is of
     * format 1 (made before bags declared their format). A format above {@link ExportBag#FORMAT_VERSION}
     * was made by a newer Tandem: its files would read here as extra or missing, so this says which
     * format it is instead, before any other check of the bag.
     */
    private static int format(BagFiles files) throws IOException, Stop {
        if (!files.exists("bag-info.txt")) {
            return 1; // named as missing once the declaration and manifests are checked
        }
        List<String> declared = new ArrayList<>();
        for (String line : text(files, "bag-info.txt").split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals(ExportBag.FORMAT)) {
                declared.add(line.substring(colon + 1).strip());
            }
        }
        if (declared.isEmpty()) {
            return 1;
        }
        if (declared.size() > 1) {
            throw new Stop(
                    Problem.MALFORMED,
                    "bag-info.txt",
                    "it declares " + ExportBag.FORMAT + " " + declared.size() + " times (" + String.join(", ", declared)
                            + "); a bag has one format");
        }
        String value = declared.getFirst();
        if (!value.matches("[1-9][0-9]{0,8}")) {
            throw new Stop(
                    Problem.MALFORMED,
                    "bag-info.txt",
                    ExportBag.FORMAT + " is \"" + value + "\", not a format number (1, 2, ...)");
        }
        int format = Integer.parseInt(value);
        if (format > ExportBag.FORMAT_VERSION) {
            throw new Stop(
                    Problem.NEWER_FORMAT,
                    "bag-info.txt",
                    "made by a newer Tandem, format " + format + "; this verifier knows formats up to "
                            + ExportBag.FORMAT_VERSION + ": get the newer tandem verify (the one of the Tandem that"
                            + " exported the bag) and verify it with that" + editedSince(files));
        }
        return format;
    }

    /**
     * Said of a bag that declares a newer format when its own {@code tagmanifest-sha256.txt} (RFC 8493
     * §2.2.1, which no format of Tandem's changes) records another SHA-256 for bag-info.txt: the line
     * may have been raised by hand. Empty when the tag manifest agrees, lists no bag-info.txt or is absent.
     */
    private static String editedSince(BagFiles files) throws IOException, Stop {
        String tags = "tagmanifest-sha256.txt";
        if (!files.exists(tags)) {
            return "";
        }
        String actual = ExportBag.sha256(bytes(files, "bag-info.txt"));
        for (String line : text(files, tags).split("\r?\n")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[1].equals("bag-info.txt") && !parts[0].equalsIgnoreCase(actual)) {
                return "; but " + tags + " records another SHA-256 for bag-info.txt: its line may have been changed"
                        + " by hand since the bag was made (if no newer Tandem made this bag, treat it as changed)";
            }
        }
        return "";
    }

    /**
     * What the bag's export entry binds: its index and the tree size the bag was drawn from ({@code -1}
     * for a bag without one), and the files it binds by SHA-256.
     */
    private record Listing(long exportEntry, long treeSize, List<String> bound, String drawnRoot) {
        static final Listing NONE = new Listing(-1, -1, List.of(), "");
    }

    /**
     * The bag's own {@code incident.exported} entry, its last (docs/contracts.md §5): the incident's
     * entries below the tree size it records are exactly those it lists, no other entry of the bag is
     * at or above that size, and each file it names hashes to the SHA-256 it records. A bag without
     * one (made before export entries listed the bag) verifies with a warning; but a bag that holds an
     * export entry with a listing and does not end with its own was made by a server that lists, and
     * its export entry was taken out.
     */
    private Listing listing(
            BagFiles files,
            Map<Long, byte[]> leaves,
            Map<String, String> payloadHashes,
            NoteVerifier verifier,
            Checkpoint checkpoint)
            throws IOException, Stop {
        String path = "data/" + ExportBag.ENTRIES;
        long last = -1;
        JsonNode lastEntry = null;
        long listedBefore = -1;
        for (Map.Entry<Long, byte[]> e : leaves.entrySet()) {
            JsonNode entry = ExportBag.JSON.readTree(e.getValue());
            if (isListing(entry)) {
                listedBefore = e.getKey();
            }
            last = e.getKey();
            lastEntry = entry;
        }
        long drawn =
                lastEntry == null ? -1 : lastEntry.path("body").path("treeSize").asLong(-1);
        if (lastEntry == null || !isListing(lastEntry) || drawn < 1 || last < drawn) {
            if (listedBefore >= 0) {
                throw new Stop(
                        Problem.MISSING_ENTRY,
                        path,
                        "the bag's last entry (#" + last + ") is not its own incident.exported entry, yet entry #"
                                + listedBefore + " is an export entry that lists its bag: the server listed every"
                                + " bag's contents by then, so this bag's export entry was taken out with its proof");
            }
            warnings.add("completeness is not proven: the bag does not end with an incident.exported entry listing"
                    + " its entries and the SHA-256 of its reports and OSCAL document (a bag made before export"
                    + " entries listed them): an entry left out together with its proof, or a report or OSCAL"
                    + " document edited with the manifests recomputed, would not be found (docs/export.md)");
            unrecorded(files, -1);
            return Listing.NONE;
        }
        JsonNode body = lastEntry.path("body");
        List<Long> below = new ArrayList<>();
        for (long index : leaves.keySet()) {
            if (index < drawn) {
                below.add(index);
            } else if (index != last) {
                throw new Stop(
                        Problem.MALFORMED,
                        "entry #" + index,
                        "it is at or above tree size " + drawn + ", which the bag's export entry #" + last
                                + " draws the bag from, and is not that export entry (a bag holds the incident's"
                                + " entries below that size and its own export entry, docs/contracts.md §5)");
            }
        }
        JsonNode listed = body.path("entries");
        long count = listed.path("count").asLong(-1);
        String sha = listed.path("sha256").asString("");
        if (below.size() != count || !ExportBag.entriesSha256(below).equals(sha)) {
            throw new Stop(
                    below.size() > count ? Problem.MALFORMED : Problem.MISSING_ENTRY,
                    path,
                    "the bag holds " + below.size() + " of the incident's entries below tree size " + drawn
                            + ", but export entry #" + last + " records " + count + " (SHA-256 " + sha + " of their"
                            + " indices): "
                            + (below.size() < count
                                    ? "an entry was left out, with its proof"
                                    : "they are not the entries the export listed"));
        }
        List<String> bound = new ArrayList<>();
        JsonNode named = body.path("files");
        for (String file : ExportBag.BOUND_FILES) {
            String where = "data/" + file;
            if (!named.has(where)) {
                continue;
            }
            String recorded = named.path(where).asString("");
            if (!files.exists(where)) {
                throw new Stop(
                        Problem.MISSING_FILE,
                        where,
                        "the bag's export entry #" + last + " records its SHA-256 " + recorded
                                + ", so the bag held it");
            }
            String what = file.startsWith("oscal/")
                    ? "OSCAL document"
                    : file.equals(ExportBag.DRAWN_CHECKPOINT) ? "drawn checkpoint" : "report";
            String actual = payloadHashes.get(where);
            if (file.equals(ExportBag.OSCAL)) {
                // The document names the bag's checkpoint, which the entry recording its SHA-256 could not.
                try {
                    byte[] pending = OscalAssessmentResults.pending(bytes(files, where), checkpoint);
                    actual = pending == null ? actual : ExportBag.sha256(pending);
                } catch (IllegalArgumentException e) {
                    throw new Stop(
                            Problem.CHANGED_BYTE,
                            where,
                            "not the OSCAL document the export entry #" + last + " records: " + e.getMessage());
                }
            }
            if (!recorded.equals(actual)) {
                throw new Stop(
                        Problem.CHANGED_BYTE,
                        where,
                        "not the " + what + " the export entry #" + last + " records: it hashes to " + actual
                                + ", the entry records SHA-256 " + recorded
                                + (file.equals(ExportBag.OSCAL)
                                        ? " (with the bag's checkpoint written as \"" + OscalAssessmentResults.PENDING
                                                + "\", as the document was when it was recorded)"
                                        : ""));
            }
            bound.add(where);
        }
        String drawnRoot = "";
        if (named.has("data/" + ExportBag.DRAWN_CHECKPOINT)) {
            drawnRoot = drawnCheckpoint(files, verifier, checkpoint, drawn, last);
        } else {
            unrecorded(files, last);
        }
        return new Listing(last, drawn, List.copyOf(bound), drawnRoot);
    }

    /**
     * The checkpoint the bag is drawn from, as the reports print it: signed by the log (with the key
     * the bag's checkpoint verified with), of the size the export entry records, and proved consistent
     * with the bag's checkpoint (RFC 9162 §2.1.4), which the witnesses cosigned. Answers its root.
     */
    private String drawnCheckpoint(BagFiles files, NoteVerifier verifier, Checkpoint bag, long drawn, long entry)
            throws IOException, Stop {
        String path = "data/" + ExportBag.DRAWN_CHECKPOINT;
        Checkpoint at = open(verifier, text(files, path), path);
        if (!at.origin().equals(bag.origin()) || at.size() != drawn) {
            throw new Stop(
                    Problem.MALFORMED,
                    path,
                    "it is the checkpoint of " + at.origin() + " at size " + at.size() + ", but export entry #" + entry
                            + " draws the bag from size " + drawn + " of " + bag.origin());
        }
        String proof = "data/" + ExportBag.DRAWN_CONSISTENCY;
        if (!files.exists(proof)) {
            throw new Stop(
                    Problem.MISSING_FILE,
                    proof,
                    "needed to prove the drawn checkpoint (size " + drawn + ") consistent with the bag's (size "
                            + bag.size() + ")");
        }
        JsonNode o = json(text(files, proof), proof, 1);
        if (o.path("from").asLong(-1) != drawn || o.path("to").asLong(-1) != bag.size()) {
            throw new Stop(
                    Problem.INCONSISTENT,
                    proof,
                    "it proves " + o.path("from").asLong(-1) + " to "
                            + o.path("to").asLong(-1) + ", the drawn checkpoint and the bag's are " + drawn + " and "
                            + bag.size());
        }
        List<byte[]> hashes = new ArrayList<>();
        for (JsonNode h : o.path("hashes")) {
            hashes.add(base64(h.asString(""), proof, 1));
        }
        if (ProofVerifier.verifyConsistency(drawn, bag.size(), at.rootHash(), bag.rootHash(), hashes)
                instanceof ProofCheck.Tampered t) {
            throw new Stop(Problem.INCONSISTENT, proof, t.reason());
        }
        return Base64.getEncoder().encodeToString(at.rootHash());
    }

    /** The drawn checkpoint and its proof are in a bag only with the export entry that records them. */
    private static void unrecorded(BagFiles files, long entry) throws Stop {
        for (String file : List.of(ExportBag.DRAWN_CHECKPOINT, ExportBag.DRAWN_CONSISTENCY)) {
            if (files.exists("data/" + file)) {
                throw new Stop(
                        Problem.EXTRA_FILE,
                        "data/" + file,
                        (entry < 0
                                        ? "the bag ends with no export entry of its own, the only entry that"
                                                + " records a drawn checkpoint (was it taken out?)"
                                        : "the bag's export entry #" + entry + " records no drawn checkpoint")
                                + ", so nothing signed binds it");
            }
        }
    }

    /** An {@code incident.exported} entry whose readable body lists its bag's entries. */
    private static boolean isListing(JsonNode entry) {
        return "incident.exported".equals(entry.path("type").asString(""))
                && entry.path("body").path("entries").isObject();
    }

    /** The manifests docs/contracts.md §5 lists, each named when it is absent. */
    private void requireManifests(BagFiles files) throws Stop {
        if (!files.exists(TAG_MANIFEST)) {
            boolean none = files.paths().stream()
                    .noneMatch(p -> p.startsWith("tagmanifest-") && p.endsWith(".txt") && !p.contains("/"));
            throw new Stop(
                    Problem.MISSING_FILE,
                    TAG_MANIFEST,
                    (none ? "the tag manifests are missing: the bag has none" : "the bag must carry it")
                            + " (docs/contracts.md §5); without it nothing fixes bag-info.txt and the payload"
                            + " manifests");
        }
        for (String a : ALGORITHMS) {
            String manifest = "manifest-" + a + ".txt";
            if (!files.exists(manifest)) {
                throw new Stop(
                        Problem.MISSING_FILE,
                        manifest,
                        "the bag must carry it (docs/contracts.md §5: every payload file in SHA-256 and SHA-512)");
            }
        }
        if (!files.exists("tagmanifest-sha512.txt")) {
            warnings.add("tagmanifest-sha512.txt is absent: the tag files were checked in SHA-256 only (the contract"
                    + " requires only tagmanifest-sha256.txt; Tandem writes both)");
        }
    }

    /** The payload paths docs/contracts.md §5 defines. */
    private static boolean definedPayload(String path) {
        if (REQUIRED_PAYLOAD.contains(path)
                || path.equals("data/" + ExportBag.CONSISTENCY)
                || path.equals("data/" + ExportBag.ANALYSIS_TIMELINE)
                || path.equals("data/" + ExportBag.DRAWN_CHECKPOINT)
                || path.equals("data/" + ExportBag.DRAWN_CONSISTENCY)) {
            return true;
        }
        String evidence = "data/" + ExportBag.EVIDENCE_DIR;
        return path.startsWith(evidence) && path.substring(evidence.length()).matches("[0-9a-f]{64}");
    }

    private final Map<String, Long> sizes = new LinkedHashMap<>();

    /** Reads every manifest with the given prefix; answers algorithm → (path → hex). */
    private Map<String, Map<String, String>> manifests(BagFiles files, String prefix) throws IOException, Stop {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String path : files.paths()) {
            if (!path.startsWith(prefix) || !path.endsWith(".txt") || path.contains("/")) {
                continue;
            }
            String algorithm = path.substring(prefix.length(), path.length() - 4);
            if (!ALGORITHMS.contains(algorithm)) {
                warnings.add(path + ": algorithm " + algorithm + " is not checked");
                continue;
            }
            Map<String, String> lines = new LinkedHashMap<>();
            int n = 0;
            for (String line : text(files, path).split("\n")) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.strip().split("[ \t]+", 2);
                int hexLength = algorithm.equals("sha256") ? 64 : 128;
                if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{" + hexLength + "}")) {
                    throw new Stop(Problem.MALFORMED, path, "line " + n + " is not \"<" + algorithm + "> <path>\"");
                }
                String file = decode(parts[1]);
                if (file.startsWith("/") || List.of(file.split("/")).contains("..")) {
                    throw new Stop(Problem.MALFORMED, path, "line " + n + " names an unsafe path: " + file);
                }
                if (prefix.equals("manifest-") && !file.startsWith("data/")) {
                    throw new Stop(Problem.MALFORMED, path, "line " + n + " names " + file + ", outside data/");
                }
                lines.put(file, parts[0].toLowerCase(java.util.Locale.ROOT));
                manifestLines.computeIfAbsent(path, x -> new HashMap<>()).putIfAbsent(file, n);
            }
            out.put(algorithm, lines);
        }
        return out;
    }

    /** Checks every line of the manifests; answers each file's SHA-256 as computed. */
    private Map<String, String> fixity(BagFiles files, Map<String, Map<String, String>> manifests, String prefix)
            throws IOException, Stop {
        Map<String, List<String>> algorithmsOf = new LinkedHashMap<>();
        manifests.forEach((a, lines) -> lines.keySet()
                .forEach(p ->
                        algorithmsOf.computeIfAbsent(p, x -> new ArrayList<>()).add(a)));
        Map<String, String> sha256 = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> f : algorithmsOf.entrySet()) {
            String path = f.getKey();
            if (!files.exists(path)) {
                throw new Stop(
                        Problem.MISSING_FILE,
                        path,
                        "listed in " + line(prefix + f.getValue().getFirst() + ".txt", path) + " but not in the bag");
            }
            MessageDigest[] md = BagWriter.digests();
            long size = 0;
            try (InputStream in = files.open(path)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (MessageDigest d : md) {
                        d.update(buf, 0, n);
                    }
                    size += n;
                }
            }
            sizes.put(path, size);
            for (int i = 0; i < ALGORITHMS.size(); i++) {
                String a = ALGORITHMS.get(i);
                String actual = HexFormat.of().formatHex(md[i].digest());
                if (a.equals("sha256")) {
                    sha256.put(path, actual);
                }
                String expected = manifests.containsKey(a) ? manifests.get(a).get(path) : null;
                if (expected != null && !expected.equals(actual)) {
                    throw new Stop(
                            Problem.CHANGED_BYTE,
                            path,
                            "its " + a.toUpperCase(java.util.Locale.ROOT) + " is " + actual + ", "
                                    + line(prefix + a + ".txt", path) + " says " + expected);
                }
            }
        }
        return sha256;
    }

    /** {@code <manifest> line <n>}: where the manifest lists {@code path}. */
    private String line(String manifest, String path) {
        Integer n = manifestLines.getOrDefault(manifest, Map.of()).get(path);
        return n == null ? manifest : manifest + " line " + n;
    }

    private Checkpoint open(NoteVerifier verifier, String signed, String where) throws Stop {
        NoteCheck opened = verifier.open(signed);
        if (opened instanceof NoteCheck.Rejected r) {
            throw new Stop(Problem.BAD_SIGNATURE, where, r.reason());
        }
        try {
            return Checkpoint.parse(((NoteCheck.Opened) opened).text());
        } catch (IllegalArgumentException e) {
            throw new Stop(Problem.MALFORMED, where, e.getMessage());
        }
    }

    /** The valid cosignatures by the given witness keys, with their times; fails below the quorum. */
    private List<BagCheck.Cosigned> witnesses(String signed) throws Stop {
        List<BagCheck.Cosigned> valid = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String k : options.witnessKeys()) {
            CosignatureVerifier w;
            try {
                w = CosignatureVerifier.parse(k);
            } catch (IllegalArgumentException e) {
                throw new Stop(Problem.MALFORMED, "--witness-key " + k, e.getMessage());
            }
            java.util.OptionalLong at = w.verify(signed);
            if (at.isPresent()) {
                valid.add(new BagCheck.Cosigned(w.name() + "+" + w.keyIdHex(), at.getAsLong()));
            } else {
                missing.add(w.name() + "+" + w.keyIdHex());
            }
        }
        if (valid.size() < options.quorum()) {
            throw new Stop(
                    Problem.QUORUM,
                    "data/" + ExportBag.CHECKPOINT,
                    valid.size() + " valid cosignature(s) of the " + options.quorum() + " required; none valid from "
                            + String.join(", ", missing));
        }
        return List.copyOf(valid);
    }

    private Map<Long, byte[]> entries(BagFiles files, String incident, long size) throws IOException, Stop {
        String path = "data/" + ExportBag.ENTRIES;
        Map<Long, byte[]> leaves = new LinkedHashMap<>();
        boolean opened = false;
        long previous = -1;
        int n = 0;
        for (String line : lines(files, path)) {
            n++;
            JsonNode o = json(line, path, n);
            long index = o.path("index").asLong(-1);
            byte[] leaf = base64(o.path("leaf").asString(""), path, n);
            String where = "entry #" + index;
            if (index <= previous || index >= size) {
                throw new Stop(
                        Problem.MALFORMED,
                        path,
                        "line " + n + ": index " + index + " is not ascending inside the checkpoint's size " + size);
            }
            previous = index;
            LedgerEntry entry;
            try {
                entry = LedgerEntry.fromLeaf(leaf);
            } catch (MalformedLeafException e) {
                throw new Stop(Problem.MALFORMED, where, "its leaf is not a canonical ledger entry: " + e.getMessage());
            }
            if (!incident.equals(entry.incident())) {
                throw new Stop(
                        Problem.MALFORMED,
                        where,
                        "it belongs to incident " + entry.incident() + ", the bag to " + incident);
            }
            if ("incident.opened".equals(entry.type())) {
                opened = true;
            }
            leaves.put(index, leaf);
        }
        if (!opened) {
            throw new Stop(
                    Problem.MISSING_ENTRY,
                    path,
                    "no incident.opened entry of incident " + incident + ": the bag's " + ExportBag.INCIDENT
                            + " is bound to no signed entry (every bag holds the incident's entries below the"
                            + " checkpoint, the one that opened it first)");
        }
        return leaves;
    }

    private void proofs(BagFiles files, Map<Long, byte[]> leaves, Checkpoint checkpoint) throws IOException, Stop {
        String path = "data/" + ExportBag.PROOFS;
        Map<Long, List<byte[]>> proofs = new LinkedHashMap<>();
        int n = 0;
        for (String line : lines(files, path)) {
            n++;
            JsonNode o = json(line, path, n);
            long index = o.path("index").asLong(-1);
            if (!leaves.containsKey(index)) {
                throw new Stop(
                        Problem.MALFORMED,
                        path,
                        "line " + n + ": a proof for index " + index + ", which is not in " + ExportBag.ENTRIES);
            }
            if (o.path("size").asLong(-1) != checkpoint.size()) {
                throw new Stop(
                        Problem.PROOF_MISMATCH,
                        "entry #" + index,
                        "its proof is for size " + o.path("size").asLong(-1) + ", the checkpoint's is "
                                + checkpoint.size());
            }
            List<byte[]> hashes = new ArrayList<>();
            for (JsonNode h : o.path("hashes")) {
                hashes.add(base64(h.asString(""), path, n));
            }
            proofs.put(index, hashes);
        }
        for (Map.Entry<Long, byte[]> e : leaves.entrySet()) {
            List<byte[]> proof = proofs.get(e.getKey());
            if (proof == null) {
                throw new Stop(Problem.MISSING_FILE, "entry #" + e.getKey(), "no inclusion proof in " + path);
            }
            ProofCheck check = ProofVerifier.verifyInclusion(
                    MerkleLog.leafHash(e.getValue()), e.getKey(), checkpoint.size(), proof, checkpoint.rootHash());
            if (check instanceof ProofCheck.Tampered t) {
                throw new Stop(Problem.PROOF_MISMATCH, "entry #" + e.getKey(), t.reason());
            }
        }
    }

    private int evidence(BagFiles files, Map<String, String> payloadHashes, Map<Long, byte[]> leaves)
            throws IOException, Stop {
        String path = "data/" + ExportBag.INDEX;
        JsonNode index = json(text(files, path), path, 1);
        if (!index.isArray()) {
            throw new Stop(Problem.MALFORMED, path, "expected a JSON array");
        }
        java.util.Set<String> listed = new java.util.HashSet<>();
        java.util.Set<String> listedIds = new java.util.HashSet<>();
        for (JsonNode item : index) {
            String id = item.path("id").asString("");
            String sha = item.path("sha256").asString("");
            long ledgerIndex = item.path("ledgerIndex").asLong(-1);
            String file = "data/" + ExportBag.evidencePath(sha);
            String where = "data/" + ExportBag.EVIDENCE_DIR + sha;
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new Stop(Problem.MALFORMED, path, "item " + id + " has no SHA-256");
            }
            listed.add(file);
            if (!payloadHashes.containsKey(file)) {
                throw new Stop(Problem.MISSING_FILE, file, "evidence " + id + " is listed in " + path);
            }
            String actual = payloadHashes.get(file);
            byte[] leaf = leaves.get(ledgerIndex);
            if (leaf == null) {
                throw new Stop(
                        Problem.EVIDENCE_MISMATCH,
                        where,
                        "evidence " + id + " names ledger entry #" + ledgerIndex + ", which is not in "
                                + ExportBag.ENTRIES);
            }
            JsonNode entry = ExportBag.JSON.readTree(leaf);
            JsonNode body = entry.path("body");
            String recorded = body.path("sha256").asString("");
            if (!"evidence.added".equals(entry.path("type").asString())
                    || !id.equals(body.path("evidence").asString())) {
                throw new Stop(
                        Problem.EVIDENCE_MISMATCH,
                        where,
                        "ledger entry #" + ledgerIndex + " does not record the addition of evidence " + id);
            }
            if (!actual.equals(recorded)) {
                throw new Stop(
                        Problem.EVIDENCE_MISMATCH,
                        where,
                        "its bytes hash to " + actual + ", ledger entry #" + ledgerIndex + " records " + recorded);
            }
            for (String field : List.of("name", "kind")) {
                if (item.has(field)
                        && body.has(field)
                        && !item.path(field)
                                .asString("")
                                .equals(body.path(field).asString(""))) {
                    throw new Stop(
                            Problem.EVIDENCE_MISMATCH,
                            path,
                            "evidence " + id + " has " + field + " '"
                                    + item.path(field).asString("")
                                    + "', ledger entry #" + ledgerIndex + " records '"
                                    + body.path(field).asString("") + "'");
                }
            }
            if (item.has("size")
                    && item.path("size").asLong(-1) != body.path("size").asLong(-2)) {
                throw new Stop(
                        Problem.EVIDENCE_MISMATCH,
                        path,
                        "evidence " + id + " has size " + item.path("size").asString("") + ", ledger entry #"
                                + ledgerIndex + " records " + body.path("size").asLong(-2));
            }
            listedIds.add(id);
            if (sizes.getOrDefault(file, -1L) != body.path("size").asLong(-2)) {
                throw new Stop(
                        Problem.EVIDENCE_MISMATCH,
                        where,
                        "it has " + sizes.get(file) + " bytes, ledger entry #" + ledgerIndex + " records "
                                + body.path("size").asLong(-2));
            }
        }
        for (String p : payloadHashes.keySet()) {
            if (p.startsWith("data/" + ExportBag.EVIDENCE_DIR) && !p.equals(path) && !listed.contains(p)) {
                throw new Stop(Problem.EXTRA_FILE, p, "evidence not listed in " + path);
            }
        }
        // Items counsel pulled back to FORENSIC (evidence.pulled-back, in the clear): the bag holds them
        // no longer, though earlier entries record them as AUDIT, read and exported.
        Set<String> pulledBack = new HashSet<>();
        for (byte[] leaf : leaves.values()) {
            JsonNode entry = ExportBag.JSON.readTree(leaf);
            if (PULLED_BACK.equals(entry.path("type").asString(""))
                    && entry.path("body").path("evidence").isString()) {
                pulledBack.add(entry.path("body").path("evidence").asString());
            }
        }
        // Completeness: the bag holds every AUDIT item whose addition its entries record in the clear
        // (docs/contracts.md §5); an item taken out, with the manifests recomputed, is missed here.
        for (Map.Entry<Long, byte[]> e : leaves.entrySet()) {
            JsonNode entry = ExportBag.JSON.readTree(e.getValue());
            JsonNode body = entry.path("body");
            if ("evidence.added".equals(entry.path("type").asString())
                    && "AUDIT".equals(body.path("repository").asString())
                    && !listedIds.contains(body.path("evidence").asString())
                    && !pulledBack.contains(body.path("evidence").asString())) {
                String file =
                        "data/" + ExportBag.EVIDENCE_DIR + body.path("sha256").asString("");
                throw new Stop(
                        Problem.MISSING_FILE,
                        // the bytes may be there for another item with the same content: then its row is missing
                        payloadHashes.containsKey(file) ? path : file,
                        "AUDIT evidence " + body.path("evidence").asString() + " ("
                                + body.path("name").asString() + "), whose addition entry #" + e.getKey()
                                + " records, is not in " + path);
            }
        }
        // Every AUDIT item a readable entry of the bag cites is in it: an item taken out together with its
        // evidence.added entry is missed above, not here.
        for (Map.Entry<Long, byte[]> e : leaves.entrySet()) {
            JsonNode entry = ExportBag.JSON.readTree(e.getValue());
            String type = entry.path("type").asString("");
            JsonNode body = entry.path("body");
            if (body.has("commitment")) {
                continue; // privileged: the bag holds its commitment, not its body
            }
            List<String> cited = new ArrayList<>();
            if (type.startsWith(REQUEST_STEP) || type.equals("incident.exported")) {
                body.path("evidence").forEach(id -> cited.add(id.asString("")));
            } else if ((type.equals("evidence.read") || type.equals("notice.sent"))
                    && body.path("evidence").isString()) {
                cited.add(body.path("evidence").asString());
            }
            for (String id : cited) {
                if (!listedIds.contains(id) && !pulledBack.contains(id)) {
                    throw new Stop(
                            Problem.MISSING_FILE,
                            path,
                            "AUDIT evidence " + id + ", which entry #" + e.getKey() + " (" + type + ") cites, is not"
                                    + " in it: the item was taken out of the bag, its evidence.added entry too");
                }
            }
        }
        return listedIds.size();
    }

    /** RFC 9162 §2.1.4.2 from the auditor's older checkpoint to the bag's. Answers the older size, or -1. */
    private long consistency(BagFiles files, NoteVerifier verifier, Checkpoint checkpoint) throws IOException, Stop {
        if (options.oldCheckpoint() == null) {
            return -1;
        }
        Checkpoint old = open(verifier, options.oldCheckpoint(), "--since");
        if (!old.origin().equals(checkpoint.origin())) {
            throw new Stop(
                    Problem.INCONSISTENT,
                    "--since",
                    "the older checkpoint is of log " + old.origin() + ", the bag's of " + checkpoint.origin());
        }
        String path = "data/" + ExportBag.CONSISTENCY;
        if (old.size() > checkpoint.size()) {
            throw new Stop(
                    Problem.OLDER_THAN_SINCE,
                    "data/" + ExportBag.CHECKPOINT,
                    "its size " + checkpoint.size() + " is below the size " + old.size() + " of the checkpoint you"
                            + " verified before (--since): the log was rolled back, or this is an old bag");
        }
        List<byte[]> hashes = new ArrayList<>();
        if (files.exists(path)) {
            JsonNode o = json(text(files, path), path, 1);
            if (o.path("from").asLong(-1) != old.size() || o.path("to").asLong(-1) != checkpoint.size()) {
                throw new Stop(
                        Problem.INCONSISTENT,
                        path,
                        "it proves " + o.path("from").asLong(-1) + " to "
                                + o.path("to").asLong(-1) + ", the checkpoints are " + old.size() + " and "
                                + checkpoint.size());
            }
            for (JsonNode h : o.path("hashes")) {
                hashes.add(base64(h.asString(""), path, 1));
            }
        } else if (old.size() != checkpoint.size() && old.size() != 0) {
            throw new Stop(
                    Problem.MISSING_FILE,
                    path,
                    "needed to prove the log extends your checkpoint of size " + old.size() + "; export with"
                            + " ?since=" + old.size());
        }
        ProofCheck check = ProofVerifier.verifyConsistency(
                old.size(), checkpoint.size(), old.rootHash(), checkpoint.rootHash(), hashes);
        if (check instanceof ProofCheck.Tampered t) {
            // without consistency.json (same size, or from the empty tree) the checkpoints themselves disagree
            throw new Stop(
                    Problem.INCONSISTENT, files.exists(path) ? path : "data/" + ExportBag.CHECKPOINT, t.reason());
        }
        return old.size();
    }

    /** {@code OCTETS.STREAMS} (RFC 8493 §2.2.2) in words: {@code 18 files, 279106 bytes}. */
    private static String oxumWords(String oxum) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("([0-9]+)\\.([0-9]+)").matcher(oxum.strip());
        return m.matches() ? m.group(2) + " files, " + m.group(1) + " bytes" : "no OCTETS.STREAMS count";
    }

    private static String text(BagFiles files, String path) throws IOException, Stop {
        if (!files.exists(path)) {
            throw new Stop(Problem.MISSING_FILE, path, "the bag must carry it");
        }
        try (InputStream in = files.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(BagFiles files, String path) throws IOException, Stop {
        if (!files.exists(path)) {
            throw new Stop(Problem.MISSING_FILE, path, "the bag must carry it");
        }
        try (InputStream in = files.open(path)) {
            return in.readAllBytes();
        }
    }

    private static List<String> lines(BagFiles files, String path) throws IOException, Stop {
        if (!files.exists(path)) {
            throw new Stop(Problem.MISSING_FILE, path, "the bag must carry it");
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(files.open(path), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** The fields {@link #fieldList} read, by label, a label given twice holding its last value. */
    private static Map<String, String> fields(List<String[]> list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] field : list) {
            out.put(field[0], field[1]);
        }
        return out;
    }

    /**
     * RFC 8493 §2.2.2: the {@code Label: value} lines in their order, each as {@code [label, value]},
     * a label given twice twice; a line starting with white space continues the previous.
     */
    private static List<String[]> fieldList(String text, String path) throws Stop {
        List<String[]> out = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\r?\n")) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && !out.isEmpty()) {
                String[] last = out.getLast();
                last[1] = last[1] + " " + line.strip();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Stop(Problem.MALFORMED, path, "line " + n + " is not \"Label: value\"");
            }
            out.add(new String[] {
                line.substring(0, colon).strip(), line.substring(colon + 1).strip()
            });
        }
        return out;
    }

    /**
     * What of the bag no signature covers (ADR 142), in the bag's order: the fields of bagit.txt beyond
     * BagIt's two, the fields of bag-info.txt beyond {@link #BOUND_INFO}, every tag file beyond
     * bagit.txt, bag-info.txt and the manifests of the algorithms checked, and the bag's own key.
     */
    private static List<BagCheck.NotSigned> notSigned(BagFiles files, List<String[]> declaration, List<String[]> info) {
        List<BagCheck.NotSigned> out = new ArrayList<>();
        for (String[] f : declaration) {
            if (!f[0].equals("BagIt-Version") && !f[0].equals("Tag-File-Character-Encoding")) {
                out.add(new BagCheck.NotSigned("bagit.txt", f[0], f[1]));
            }
        }
        for (String[] f : info) {
            if (!BOUND_INFO.contains(f[0])) {
                out.add(new BagCheck.NotSigned("bag-info.txt", f[0], f[1]));
            }
        }
        for (String path : files.paths()) {
            if (!path.startsWith("data/") && !BAGIT_TAG_FILES.contains(path)) {
                out.add(new BagCheck.NotSigned(path, "", ""));
            }
        }
        out.add(new BagCheck.NotSigned("data/" + ExportBag.KEY, "", ""));
        return List.copyOf(out);
    }

    private static JsonNode json(String text, String path, int line) throws Stop {
        try {
            return ExportBag.JSON.readTree(text);
        } catch (JacksonException e) {
            throw new Stop(Problem.MALFORMED, path, "line " + line + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static byte[] base64(String s, String path, int line) throws Stop {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new Stop(Problem.MALFORMED, path, "line " + line + " holds bad base64");
        }
    }

    /** RFC 8493 §2.1.3: CR, LF and '%' are percent-encoded in manifest paths. */
    private static String decode(String path) {
        return path.replace("%0A", "\n")
                .replace("%0a", "\n")
                .replace("%0D", "\r")
                .replace("%0d", "\r")
                .replace("%25", "%");
    }
}
