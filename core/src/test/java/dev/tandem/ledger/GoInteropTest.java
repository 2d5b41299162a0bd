package dev.tandem.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our checkpoints and proofs, checked by Go's {@code golang.org/x/mod/sumdb/note} and {@code sumdb/tlog} (the program
 * in {@code interop/go}), built offline against Debian's packaged copy. CI installs Go with {@code apt-get install -y
 * golang-go golang-golang-x-mod-dev}; without Go on the PATH this test fails unless {@code TANDEM_SKIP_GO_INTEROP=1}.
 */
class GoInteropTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int ENTRIES = 300;

    @TempDir
    static Path work;

    static Path binary;

    @BeforeAll
    static void buildGoChecker() throws Exception {
        Path go = onPath("go");
        if (go == null) {
            if ("1".equals(System.getenv("TANDEM_SKIP_GO_INTEROP"))) {
                Assumptions.abort("go is not installed and TANDEM_SKIP_GO_INTEROP=1");
            }
            fail("the Go interoperability test needs Go: apt-get install -y golang-go golang-golang-x-mod-dev"
                    + " (or set TANDEM_SKIP_GO_INTEROP=1 to skip it)");
        }
        Path source = findInteropSource();
        Path copy = work.resolve("src");
        Files.createDirectories(copy);
        for (String f : List.of("go.mod", "main.go")) {
            Files.copy(source.resolve(f), copy.resolve(f));
        }
        binary = work.resolve("interop");
        Result built = run(copy, List.of(go.toString(), "build", "-o", binary.toString(), "."));
        assertThat(built.exit()).as("go build:\n%s", built.output()).isZero();
    }

    @Test
    void goVerifiesOurCheckpointTreeAndProofs() throws Exception {
        Artifacts a = honestLog();
        Path dir = a.write(work.resolve("honest"));
        Result r = run(dir, List.of(binary.toString(), dir.toString()));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("note.Open: checkpoint of tandem/interop-test signed by tandem/interop-test+")
                .contains("tlog.TreeHash: the " + ENTRIES + " leaves hash to the checkpoint root")
                .contains("tlog.CheckRecord: " + a.inclusion.size() + " inclusion proofs verified")
                .contains("tlog.CheckTree: " + a.consistency.size() + " consistency proofs verified");
    }

    @Test
    void goRejectsACheckpointWhoseTextWasAltered() throws Exception {
        Artifacts a = honestLog();
        a.signedCheckpoint = a.signedCheckpoint.replaceFirst("\n" + ENTRIES + "\n", "\n" + (ENTRIES - 1) + "\n");
        Result r = runOn(a, "altered-checkpoint");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("checkpoint signature");
    }

    @Test
    void goRejectsASignedCheckpointOverAForkedTree() throws Exception {
        Artifacts a = honestLog();
        byte[] forkedLeaf = "{\"forged\":true}".getBytes(StandardCharsets.UTF_8);
        a.leaves.set(17, forkedLeaf);
        Result r = runOn(a, "forked-leaves");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("tlog.TreeHash over the " + ENTRIES + " leaves is");
    }

    @Test
    void goRejectsACorruptedInclusionProof() throws Exception {
        Artifacts a = honestLog();
        a.inclusion.get(1).hashes().getFirst()[0] ^= 1; // index 0 in the full tree
        Result r = runOn(a, "corrupted-proof");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.output()).contains("tlog.CheckRecord");
    }

    @Test
    void goAcceptsTheCheckpointProofsAndCosignatureOfAnExportBag() throws Exception {
        Path dir = unpackedBag("bag", null);
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString(), witness.verifierKey()));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("bag-info.txt: bag format " + dev.tandem.export.ExportBag.FORMAT_VERSION)
                .contains("note.Open: bag checkpoint of " + dev.tandem.export.SampleBag.ORIGIN)
                .contains("cosignature/v1: witness witness.example/go co-signed the checkpoint")
                .contains("tlog.CheckRecord: " + bagEntries + " bag entries verified against the checkpoint")
                .contains("tlog.CheckTree: the drawn checkpoint of size " + bagDrawnAt
                        + " is consistent with the bag checkpoint of size " + bagSize)
                .contains("data/analysis/timeline.jsonl: 1 timeline entries, each the body of its"
                        + " leak.timeline-entry entry");
    }

    @Test
    void goRejectsABagWhoseTimelineLineWasChanged() throws Exception {
        Path dir = unpackedBag("bag-timeline", null);
        Path timeline = dir.resolve("data/analysis/timeline.jsonl");
        String text = Files.readString(timeline);
        assertThat(text).contains("203.0.113.7");
        // the manifests are not what Go checks: the line alone, against its proved ledger entry
        Files.writeString(timeline, text.replace("203.0.113.7", "198.51.100.9"));
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString()));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output())
                .contains("FAILED: data/analysis/timeline.jsonl: line 1 is not what its ledger entry #")
                .contains("(leak.timeline-entry)");
        Files.writeString(timeline, "");
        Result left = run(dir, List.of(binary.toString(), "--bag", dir.toString()));
        assertThat(left.exit()).as(left.output()).isEqualTo(1);
        assertThat(left.output()).contains("data/analysis/timeline.jsonl: it ends after line 0");
    }

    @Test
    void goRejectsABagWhoseProofWasAltered() throws Exception {
        Path dir = unpackedBag("bag-altered", "data/ledger/proofs.jsonl");
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString()));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("tlog.CheckRecord");
    }

    @Test
    void goRejectsABagWhoseDrawnCheckpointsConsistencyProofWasAltered() throws Exception {
        Path dir = unpackedBag("bag-drawn-altered", "data/ledger/drawn-consistency.json");
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString()));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("FAILED: tlog.CheckTree(drawn " + bagDrawnAt + " -> bag " + bagSize + ")");
    }

    @Test
    void goAcceptsABagMadeBeforeBagsHeldTheirDrawnCheckpoint() throws Exception {
        Path dir =
                unpack(new dev.tandem.export.SampleBag(dev.tandem.export.SampleBag.Build.LISTED), "bag-listed", null);
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString()));
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("drawn checkpoint").contains("bag-info.txt: bag format 1\n");
    }

    @Test
    void goNamesABagOfANewerFormatThanItKnows() throws Exception {
        Path dir = unpackedBag("bag-newer", null);
        Path info = dir.resolve("bag-info.txt");
        String declared = dev.tandem.export.ExportBag.FORMAT + ": " + dev.tandem.export.ExportBag.FORMAT_VERSION;
        String text = Files.readString(info);
        assertThat(text).contains(declared);
        int newer = dev.tandem.export.ExportBag.FORMAT_VERSION + 1;
        Files.writeString(info, text.replace(declared, dev.tandem.export.ExportBag.FORMAT + ": " + newer));
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString()));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output())
                .contains("FAILED: bag-info.txt: made by a newer Tandem, format " + newer)
                // raised by hand: the bag's own tag manifest still records the line as it was made
                .contains("tagmanifest-sha256.txt records another SHA-256 for bag-info.txt");
    }

    @Test
    void goSaysNothingMoreOfANewerFormatWhoseTagManifestAgrees() throws Exception {
        Path dir = unpackedBag("bag-newer-made", null);
        Path info = dir.resolve("bag-info.txt");
        String declared = dev.tandem.export.ExportBag.FORMAT + ": " + dev.tandem.export.ExportBag.FORMAT_VERSION;
        int newer = dev.tandem.export.ExportBag.FORMAT_VERSION + 1;
        String before = dev.tandem.export.ExportBag.sha256(Files.readAllBytes(info));
        Files.writeString(
                info, Files.readString(info).replace(declared, dev.tandem.export.ExportBag.FORMAT + ": " + newer));
        // as a newer Tandem would have made it: the tag manifest records the line it wrote
        Path tags = dir.resolve("tagmanifest-sha256.txt");
        String manifest = Files.readString(tags);
        assertThat(manifest).contains(before + " bag-info.txt");
        Files.writeString(
                tags,
                manifest.replace(
                        before + " bag-info.txt",
                        dev.tandem.export.ExportBag.sha256(Files.readAllBytes(info)) + " bag-info.txt"));
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString()));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output())
                .contains("FAILED: bag-info.txt: made by a newer Tandem, format " + newer)
                .doesNotContain("changed by hand");
    }

    static final Cosigner witness = Cosigner.generate("witness.example/go");
    static int bagEntries;
    static long bagDrawnAt;
    static long bagSize;

    /**
     * An export bag written by the bag writer, co-signed by a witness, unpacked as an auditor would; the
     * first proof hash of {@code alter} (a file in the bag), when given, changed.
     */
    private static Path unpackedBag(String name, @Nullable String alter) throws IOException {
        return unpack(new dev.tandem.export.SampleBag(), name, alter);
    }

    private static Path unpack(dev.tandem.export.SampleBag sample, String name, @Nullable String alter)
            throws IOException {
        String text = sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1);
        sample.checkpoint =
                sample.checkpoint + witness.cosign(text, Instant.now().getEpochSecond());
        bagEntries = sample.entries.size();
        bagDrawnAt = sample.drawnSize;
        bagSize = sample.size();
        Path zip = sample.write(work.resolve(name + ".zip"), false);
        Path dir = work.resolve(name);
        for (Map.Entry<String, byte[]> f : dev.tandem.export.SampleBag.read(zip).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            byte[] bytes = f.getValue();
            if (f.getKey().equals(alter)) {
                String s = new String(bytes, StandardCharsets.UTF_8);
                int at = s.indexOf("\"hashes\":[\"") + 11;
                bytes = (s.substring(0, at) + (s.charAt(at) == 'A' ? 'B' : 'A') + s.substring(at + 1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            Files.write(p, bytes);
        }
        return dir;
    }

    record Proof(long a, long b, List<byte[]> hashes) {}

    static final class Artifacts {
        String verifierKey;
        String signedCheckpoint;
        final List<byte[]> leaves = new ArrayList<>();
        final List<Proof> inclusion = new ArrayList<>();
        final List<Proof> consistency = new ArrayList<>();

        Path write(Path dir) throws IOException {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("key.txt"), verifierKey + "\n", StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("checkpoint.txt"), signedCheckpoint, StandardCharsets.UTF_8);
            ObjectNode root = JSON.createObjectNode();
            ArrayNode leafArray = root.putArray("leaves");
            leaves.forEach(l -> leafArray.add(Base64.getEncoder().encodeToString(l)));
            ArrayNode inc = root.putArray("inclusion");
            for (Proof p : inclusion) {
                ObjectNode o = inc.addObject().put("index", p.a()).put("size", p.b());
                ArrayNode h = o.putArray("hashes");
                p.hashes().forEach(x -> h.add(Base64.getEncoder().encodeToString(x)));
            }
            ArrayNode con = root.putArray("consistency");
            for (Proof p : consistency) {
                ObjectNode o = con.addObject().put("from", p.a()).put("to", p.b());
                ArrayNode h = o.putArray("hashes");
                p.hashes().forEach(x -> h.add(Base64.getEncoder().encodeToString(x)));
            }
            Files.writeString(dir.resolve("ledger.json"), JSON.writeValueAsString(root), StandardCharsets.UTF_8);
            return dir;
        }
    }

    static Artifacts honestLog() {
        Artifacts a = new Artifacts();
        InMemoryNodeStore store = new InMemoryNodeStore();
        CompactRange range = CompactRange.empty();
        Instant at = Instant.parse("2026-11-27T00:00:00Z");
        for (int i = 0; i < ENTRIES; i++) {
            ObjectNode body = JSON.createObjectNode().put("n", i).put("note", "entry \u00e9 " + i);
            byte[] leaf = new LedgerEntry(
                            "test.entry", i % 3 == 0 ? null : "INC-" + (i % 7), "alice", at.plusMillis(i * 1001L), body)
                    .leaf();
            a.leaves.add(leaf);
            store.putAll(range.append(MerkleLog.leafHash(leaf)));
        }
        NoteSigner signer = NoteSigner.generate("tandem/interop-test");
        a.verifierKey = signer.verifierKey();
        a.signedCheckpoint = signer.sign(new Checkpoint("tandem/interop-test", ENTRIES, range.rootHash()).text());
        long[][] inclusion = {{0, 1}, {0, ENTRIES}, {5, 8}, {6, 7}, {127, 128}, {128, 129}, {200, 257}, {299, 300}};
        for (long[] p : inclusion) {
            a.inclusion.add(new Proof(p[0], p[1], MerkleLog.inclusionProof(p[0], p[1], store)));
        }
        long[][] consistency = {{1, 2}, {1, ENTRIES}, {3, 7}, {4, 8}, {6, 8}, {127, 300}, {128, 300}, {299, 300}};
        for (long[] p : consistency) {
            a.consistency.add(new Proof(p[0], p[1], MerkleLog.consistencyProof(p[0], p[1], store)));
        }
        return a;
    }

    private static Result runOn(Artifacts a, String name) throws Exception {
        Path dir = a.write(work.resolve(name));
        return run(dir, List.of(binary.toString(), dir.toString()));
    }

    record Result(int exit, String output) {}

    private static Result run(Path dir, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GOPROXY", "off");
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOTOOLCHAIN", "local");
        env.put("GOSUMDB", "off");
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static @Nullable Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Path findInteropSource() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("interop/go");
            if (Files.isRegularFile(candidate.resolve("go.mod"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "interop/go not found above " + Path.of("").toAbsolutePath());
    }
}
