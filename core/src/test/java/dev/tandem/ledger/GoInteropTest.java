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
        try (var sources = Files.list(source)) {
            for (Path f : sources.filter(f -> f.getFileName().toString().matches("go\\.mod|.*\\.go"))
                    .toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
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
                .containsPattern("cosignature/v1: witness witness.example/go co-signed the checkpoint at"
                        + " \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(the witness's own clock, signed with its"
                        + " cosignature\\)\n")
                .contains("tlog.CheckRecord: " + bagEntries + " bag entries verified against the checkpoint")
                .contains("tlog.CheckTree: the drawn checkpoint of size " + bagDrawnAt
                        + " is consistent with the bag checkpoint of size " + bagSize)
                .contains("data/analysis/timeline.jsonl: 1 timeline entries, each the body of its"
                        + " leak.timeline-entry entry")
                // no --key: a trusted witness's cosignature says the real log published this root, as in tandem verify
                .contains("\nVERIFIED by 1 witness cosignature(s), no --key: " + dir + "\n");
    }

    @Test
    void goPinsTheSignersKeyWithKeyAsTandemVerifyDoes() throws Exception {
        Path dir = unpackedBag("key-pinned", null);
        Both pinned = both(dir);
        dev.tandem.export.BagCheck.Summary s = assertAgree(pinned);
        assertThat(s.keyPinned()).isTrue();
        assertThat(pinned.go().output())
                .contains("\nkey: data/ledger/key is the key you pinned with --key, which the signature was checked"
                        + " with\n")
                .contains("\nnot signed: data/ledger/key (trust only the key you pin with --key; see key above)\n")
                .endsWith("\nVERIFIED: " + dir + "\n");

        // another log's key (a valid key, not this log's): both refuse the signature, naming the checkpoint
        String other = NoteSigner.generate(dev.tandem.export.SampleBag.ORIGIN).verifierKey();
        Both wrong = both(dir, List.of("--key", other), other, null);
        assertThat(wrong.java().ok()).isFalse();
        assertThat(((dev.tandem.export.BagCheck.Failed) wrong.java()).message())
                .startsWith("bad signature: data/ledger/checkpoint");
        assertThat(wrong.go().exit()).as(wrong.go().output()).isEqualTo(1);
        assertThat(wrong.go().output())
                .contains("FAILED: bad signature: data/ledger/checkpoint: not signed by the key pinned with --key ("
                        + other + ")")
                .doesNotContain("VERIFIED");

        // the bag's own key replaced by that other key: the pinned key still decides, the bag's is trusted for
        // nothing (tandem verify's key line)
        Files.writeString(dir.resolve("data/ledger/key"), other + "\n");
        remanifest(dir);
        Both replaced = both(dir);
        assertAgree(replaced);
        assertThat(replaced.go().output())
                .contains("\nkey: data/ledger/key (" + other + ") is NOT the key you pinned with --key; the"
                        + " signature was checked with --key, the bag's own key is trusted for nothing\n");

        // no --key and no witness: every check runs, but nothing says who signed the bag (tandem verify's exit 1)
        Result unpinned = run(
                dir,
                List.of(
                        binary.toString(),
                        "--bag",
                        unpackedBag("key-none", null).toString()));
        assertThat(unpinned.exit()).as(unpinned.output()).isEqualTo(1);
        assertThat(unpinned.output())
                .contains("\nkey: data/ledger/key is " + bagKey + ": it checked the signature, but it is the bag's"
                        + " own")
                .endsWith("FAILED: signer not pinned (no --key): data/ledger/checkpoint: every other check held, but"
                        + " anyone who changed this bag could have signed it again with a key of their own; pass the"
                        + " server's verifier key with --key, received from its operator (GET /api/v1/ledger/key),"
                        + " never the bag's own\n");

        // a bag of another incident than the one asked for (--incident, as tandem verify's): FAILED, whatever else
        // holds
        Path honest = unpackedBag("key-incident", null);
        Result right = run(
                honest,
                List.of(
                        binary.toString(),
                        "--bag",
                        honest.toString(),
                        "--key",
                        bagKey,
                        "--incident",
                        dev.tandem.export.SampleBag.INCIDENT));
        assertThat(right.exit()).as(right.output()).isZero();
        Result another = run(
                honest, List.of(binary.toString(), "--bag", honest.toString(), "--key", bagKey, "--incident", "INC-8"));
        assertThat(another.exit()).as(another.output()).isEqualTo(1);
        assertThat(another.output())
                .contains("FAILED: wrong incident: bag-info.txt: the bag is of incident "
                        + dev.tandem.export.SampleBag.INCIDENT + " (every entry of it, its incident.opened among them,"
                        + " signed), not INC-8, the one you asked for with --incident: a bag of another incident\n");

        // a --key that is no verifier key is a usage error, as tandem verify's exit 2
        Result usage = run(dir, List.of(binary.toString(), "--bag", dir.toString(), "--key", "not-a-key"));
        assertThat(usage.exit()).as(usage.output()).isEqualTo(2);
        assertThat(usage.output()).contains("interop --bag: --key: ");

        // a witness key that did not cosign: the quorum is not met, for both
        String stranger = Cosigner.generate("witness.example/stranger").verifierKey();
        Path cosigned = unpackedBag("key-witness", null);
        Result quorum = run(
                cosigned,
                List.of(binary.toString(), "--bag", cosigned.toString(), "--key", bagKey, "--witness-key", stranger));
        assertThat(quorum.exit()).as(quorum.output()).isEqualTo(1);
        assertThat(quorum.output())
                .contains("FAILED: witness quorum not met: data/ledger/checkpoint: it carries no valid cosignature by"
                        + " witness.example/stranger");
        assertThat(((dev.tandem.export.BagCheck.Failed) dev.tandem.export.BagVerifier.verify(
                                cosigned,
                                new dev.tandem.export.BagVerifier.Options(bagKey, null, List.of(stranger), 1)))
                        .message())
                .startsWith("witness quorum not met");
    }

    /** One way of tampering with an unpacked bag, and whether the manifests are then recomputed. */
    record Tamper(String name, boolean remanifest, TamperStep step) {}

    @FunctionalInterface
    interface TamperStep {
        void apply(Path dir) throws Exception;
    }

    private static Path evidenceFile(Path dir, int n) throws IOException {
        try (var files = Files.list(dir.resolve("data/evidence"))) {
            return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}"))
                    .sorted()
                    .toList()
                    .get(n);
        }
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void goAndJavaBothFailEachTamperingNamingTheSameFile() throws Exception {
        List<Tamper> tampers = List.of(
                new Tamper("payload byte", false, d -> {
                    Path f = evidenceFile(d, 0);
                    byte[] b = Files.readAllBytes(f);
                    b[0] ^= 1;
                    Files.write(f, b);
                }),
                new Tamper("payload byte, manifests recomputed", true, d -> {
                    Path f = evidenceFile(d, 0);
                    byte[] b = Files.readAllBytes(f);
                    b[0] ^= 1;
                    Files.write(f, b);
                }),
                new Tamper("manifest line", false, d -> {
                    Path m = d.resolve("manifest-sha256.txt");
                    String text = Files.readString(m);
                    Files.writeString(m, (text.charAt(0) == '0' ? "1" : "0") + text.substring(1));
                }),
                new Tamper(
                        "bag-info.txt",
                        false,
                        d -> edit(d.resolve("bag-info.txt"), "Bagging-Date: ", "Bagging-Date: 1")),
                new Tamper("file dropped", false, d -> Files.delete(evidenceFile(d, 0))),
                new Tamper("file dropped, manifests recomputed", true, d -> Files.delete(evidenceFile(d, 0))),
                new Tamper("file added", false, d -> Files.writeString(d.resolve("data/evidence/notes.txt"), "x")),
                new Tamper(
                        "file added, manifests recomputed",
                        true,
                        d -> Files.writeString(d.resolve("data/reports/summary.html"), "<p>all fine</p>")),
                new Tamper("two evidence items swapped, manifests recomputed", true, d -> {
                    Path a = evidenceFile(d, 0);
                    Path b = evidenceFile(d, 1);
                    byte[] x = Files.readAllBytes(a);
                    Files.write(a, Files.readAllBytes(b));
                    Files.write(b, x);
                }),
                new Tamper(
                        "report edited, manifests recomputed",
                        true,
                        d -> edit(d.resolve("data/reports/audit-continuity.html"), "report", "no exceptions")),
                new Tamper(
                        "OSCAL document edited, manifests recomputed",
                        true,
                        d -> edit(d.resolve("data/oscal/assessment-results.json"), "\"cc7.3\"", "\"cc7.9\"")),
                new Tamper("an entry left out with its proof, manifests recomputed", true, d -> {
                    for (String f : List.of("data/ledger/entries.jsonl", "data/ledger/proofs.jsonl")) {
                        List<String> lines = new ArrayList<>(Files.readAllLines(d.resolve(f)));
                        lines.remove(3);
                        Files.write(d.resolve(f), lines);
                    }
                }),
                new Tamper("the export entry left out with its proof, manifests recomputed", true, d -> {
                    for (String f : List.of("data/ledger/entries.jsonl", "data/ledger/proofs.jsonl")) {
                        List<String> lines = new ArrayList<>(Files.readAllLines(d.resolve(f)));
                        lines.removeLast();
                        Files.write(d.resolve(f), lines);
                    }
                    Files.delete(d.resolve("data/ledger/drawn-checkpoint"));
                    Files.delete(d.resolve("data/ledger/drawn-consistency.json"));
                }),
                new Tamper(
                        "index.json row edited, manifests recomputed",
                        true,
                        d -> edit(d.resolve("data/evidence/index.json"), "\"kind\":\"LOG\"", "\"kind\":\"DOCUMENT\"")));
        int n = 0;
        for (Tamper t : tampers) {
            Path dir = unpackedBag("tamper-" + n++, null);
            t.step().apply(dir);
            if (t.remanifest()) {
                remanifest(dir);
            }
            Both b = both(dir);
            assertThat(b.java().ok()).as("%s: %s", t.name(), b.java()).isFalse();
            String java = ((dev.tandem.export.BagCheck.Failed) b.java()).message();
            assertThat(b.go().exit()).as("%s:%n%s", t.name(), b.go().output()).isEqualTo(1);
            String go = b.go().output()
                    .lines()
                    .filter(l -> l.startsWith("FAILED: "))
                    .findFirst()
                    .orElseThrow()
                    .substring("FAILED: ".length());
            // the same kind of failure, on the same file (or entry), in the words an auditor reads
            assertThat(go.split(": ", 3)[0] + ": " + go.split(": ", 3)[1])
                    .as("%s: Go said %s, Java %s", t.name(), go, java)
                    .isEqualTo(java.split(": ", 3)[0] + ": " + java.split(": ", 3)[1]);
            assertThat(b.go().output()).doesNotContain("VERIFIED");
            // a manifest's failure (a file changed or dropped, the manifests left as they were) names the
            // manifest's line, in the same words from both
            if (!t.remanifest() && !t.name().startsWith("file added")) {
                assertThat(java).as(t.name()).containsPattern("manifest-sha(256|512)\\.txt line \\d+ ");
                assertThat(go).as(t.name()).isEqualTo(java);
            }
        }
    }

    @Test
    void goAndJavaBothProveTheLogExtendsTheCheckpointKeptAndRefuseAnOlderBag() throws Exception {
        Path dir = unpack(new dev.tandem.export.SampleBag(), "since", null, true);
        Path old = work.resolve("old-checkpoint.txt");
        Files.writeString(old, bagOldCheckpoint);
        Both extended = both(dir, List.of("--key", bagKey, "--since", old.toString()), bagKey, bagOldCheckpoint);
        assertAgree(extended);
        assertThat(extended.go().output())
                .contains("\nconsistency: the log at size " + bagSize + " extends your checkpoint of size ");

        // an older bag replayed to an auditor who kept a later checkpoint of the same log: both name the rollback
        dev.tandem.export.SampleBag sample = new dev.tandem.export.SampleBag();
        Path older = unpack(sample, "older", null);
        String kept = sample.signer.sign(new dev.tandem.ledger.Checkpoint(
                        dev.tandem.export.SampleBag.ORIGIN, sample.size() + 5, sample.range.rootHash())
                .text());
        Path newer = work.resolve("newer-checkpoint.txt");
        Files.writeString(newer, kept);
        Both replay = both(older, List.of("--key", bagKey, "--since", newer.toString()), bagKey, kept);
        assertThat(replay.java().ok()).isFalse();
        assertThat(((dev.tandem.export.BagCheck.Failed) replay.java()).message())
                .startsWith("bag older than your checkpoint: data/ledger/checkpoint: ");
        assertThat(replay.go().exit()).as(replay.go().output()).isEqualTo(1);
        assertThat(replay.go().output()).contains("FAILED: bag older than your checkpoint: data/ledger/checkpoint: ");

        // the consistency proof altered, manifests recomputed: both refuse it
        Path forked = unpack(new dev.tandem.export.SampleBag(), "since-forked", "data/ledger/consistency.json", true);
        remanifest(forked);
        Files.writeString(old, bagOldCheckpoint); // that bag's log has a key of its own
        Both fork = both(forked, List.of("--key", bagKey, "--since", old.toString()), bagKey, bagOldCheckpoint);
        assertThat(((dev.tandem.export.BagCheck.Failed) fork.java()).message())
                .startsWith("consistency proof mismatch: data/ledger/consistency.json");
        assertThat(fork.go().output())
                .contains("FAILED: consistency proof mismatch: data/ledger/consistency.json: tlog.CheckTree(");
    }

    @Test
    void goRejectsABagWhoseTimelineLineWasChanged() throws Exception {
        Path dir = unpackedBag("bag-timeline", null);
        Path timeline = dir.resolve("data/analysis/timeline.jsonl");
        String text = Files.readString(timeline);
        assertThat(text).contains("203.0.113.7");
        // the manifests recomputed, as anyone holding the bag can: the line alone, against its proved ledger entry
        Files.writeString(timeline, text.replace("203.0.113.7", "198.51.100.9"));
        remanifest(dir);
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString(), "--key", bagKey));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output())
                .contains("FAILED: data/analysis/timeline.jsonl: line 1 is not what its ledger entry #")
                .contains("(leak.timeline-entry)");
        Files.writeString(timeline, "");
        remanifest(dir);
        Result left = run(dir, List.of(binary.toString(), "--bag", dir.toString(), "--key", bagKey));
        assertThat(left.exit()).as(left.output()).isEqualTo(1);
        assertThat(left.output()).contains("data/analysis/timeline.jsonl: it ends after line 0");
    }

    @Test
    void goRejectsABagWhoseProofWasAltered() throws Exception {
        Path dir = unpackedBag("bag-altered", "data/ledger/proofs.jsonl");
        remanifest(dir);
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString(), "--key", bagKey));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("tlog.CheckRecord");
    }

    @Test
    void goRejectsABagWhoseDrawnCheckpointsConsistencyProofWasAltered() throws Exception {
        Path dir = unpackedBag("bag-drawn-altered", "data/ledger/drawn-consistency.json");
        remanifest(dir);
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString(), "--key", bagKey));
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("FAILED: tlog.CheckTree(drawn " + bagDrawnAt + " -> bag " + bagSize + ")");
    }

    @Test
    void goAcceptsABagMadeBeforeBagsHeldTheirDrawnCheckpoint() throws Exception {
        Path dir =
                unpack(new dev.tandem.export.SampleBag(dev.tandem.export.SampleBag.Build.LISTED), "bag-listed", null);
        Result r = run(dir, List.of(binary.toString(), "--bag", dir.toString(), "--key", bagKey));
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

    /** Go's run and Java's check of the same unpacked bag. */
    record Both(Result go, dev.tandem.export.BagCheck java) {}

    private static Both both(Path dir) throws Exception {
        return both(dir, List.of("--key", bagKey), bagKey, null);
    }

    /**
     * Go run with {@code options} and Java's check of the same bag with the same key and old checkpoint. The
     * Java check is {@code BagVerifier}'s, which leaves the unlisted and unpinned verdicts to {@code tandem
     * verify}; the Go checker makes them itself, so {@code options} say {@code --allow-unlisted} where the
     * bag is an older build's.
     */
    private static Both both(Path dir, List<String> options, @Nullable String key, @Nullable String since)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--bag", dir.toString()));
        command.addAll(options);
        return new Both(
                run(dir, command),
                dev.tandem.export.BagVerifier.verify(
                        dir, new dev.tandem.export.BagVerifier.Options(key, since, List.of(), 0)));
    }

    /**
     * Both verified the bag and say the same of it (ADR 142): the export time its export entry signs, and
     * the same things not signed in the same order, each in the words {@code tandem verify} gives it but
     * for the note on what checks it ({@code tandem verify} reads the manifests and a pinned key, Go
     * neither). Returns the Java summary.
     */
    private static dev.tandem.export.BagCheck.Summary assertAgree(Both b) {
        assertThat(b.go().exit()).as(b.go().output()).isZero();
        assertThat(b.java().ok()).as(b.java().toString()).isTrue();
        dev.tandem.export.BagCheck.Summary s = ((dev.tandem.export.BagCheck.Verified) b.java()).summary();
        assertThat(b.go().output())
                .contains(
                        s.listed()
                                ? "\nexported: " + s.lastAt() + " by " + s.lastBy()
                                        + ": the server's time in export entry #" + s.exportEntry()
                                        + ", signed with it; cite this as the bag's date, not bag-info.txt's"
                                        + " Bagging-Date\n"
                                : "\nexported: no export time is signed: the bag has no export entry of its own (an"
                                        + " older build's bag); its last entry, #" + s.lastEntry() + ", was recorded"
                                        + " at " + s.lastAt() + " (signed), so it was exported after that\n");
        List<String> go = b.go().output()
                .lines()
                .filter(l -> l.startsWith("not signed: "))
                .map(l -> l.substring("not signed: ".length()).replaceFirst(" \\([^()]*\\)$", ""))
                .toList();
        List<String> java = s.notSigned().stream()
                .map(n -> n.file().equals("data/" + dev.tandem.export.ExportBag.KEY)
                        ? n.file()
                        : n.wholeFile() ? "tag file " + n.file() : n.file() + " " + n.label() + ": " + n.value())
                .toList();
        assertThat(go).isNotEmpty().containsExactlyElementsOf(java);
        assertThat(b.go().output()).contains("\nno signature covers these: ");
        return s;
    }

    /**
     * The unpacked bag's payload manifests, Payload-Oxum and tag manifests rewritten over its files as they are
     * now, as anyone holding it can ({@code SampleBag.rebag}).
     */
    private static void remanifest(Path dir) throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        Path zip = dev.tandem.export.SampleBag.rebag(files, work.resolve(dir.getFileName() + "-rebagged.zip"));
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Files.delete(f);
            }
        }
        for (Map.Entry<String, byte[]> f : dev.tandem.export.SampleBag.read(zip).entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
    }

    /** The unpacked bag's tag manifests rewritten over its tag files as they are now, as anyone holding it can. */
    private static void retag(Path dir) throws Exception {
        StringBuilder sha256 = new StringBuilder();
        StringBuilder sha512 = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("data/") || rel.startsWith("tagmanifest-")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(f);
                sha256.append(dev.tandem.export.ExportBag.sha256(bytes))
                        .append("  ")
                        .append(rel)
                        .append('\n');
                sha512.append(java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-512")
                                        .digest(bytes)))
                        .append("  ")
                        .append(rel)
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve("tagmanifest-sha256.txt"), sha256);
        Files.writeString(dir.resolve("tagmanifest-sha512.txt"), sha512);
    }

    private static void editBagInfo(Path dir, String from, String to) throws Exception {
        Path info = dir.resolve("bag-info.txt");
        String text = Files.readString(info);
        assertThat(text).contains(from);
        Files.writeString(info, text.replace(from, to));
        retag(dir);
    }

    @Test
    void goAndJavaSayTheSameOfAnHonestBag() throws Exception {
        Both b = both(unpackedBag("agree-honest", null));
        dev.tandem.export.BagCheck.Summary s = assertAgree(b);
        assertThat(s.listed()).isTrue();
        assertThat(s.notSigned())
                .extracting(dev.tandem.export.BagCheck.NotSigned::label)
                .contains(dev.tandem.export.ExportBag.BAGGING_DATE, "Payload-Oxum");
        assertThat(b.go().output())
                .contains("\nnot signed: bag-info.txt Bagging-Date: 2026-11-27 (cite the signed export time above"
                        + " instead)\n")
                .doesNotContain("not signed: bag-info.txt Tandem-Incident")
                .doesNotContain("not signed: bag-info.txt Tandem-Checkpoint")
                .doesNotContain("not signed: tag file");
    }

    @Test
    void goAndJavaAgreeThatAnOlderBuildsBagSignsNoExportTime() throws Exception {
        Both b = both(
                unpack(new dev.tandem.export.SampleBag(false), "agree-older", null),
                List.of("--key", bagKey, "--allow-unlisted"),
                bagKey,
                null);
        dev.tandem.export.BagCheck.Summary s = assertAgree(b);
        assertThat(s.listed()).isFalse();
        assertThat(b.go().output())
                .contains("\nnot signed: bag-info.txt Bagging-Date: 2026-11-27 (no export time is signed in this"
                        + " bag)\n");
    }

    @Test
    void goAndJavaAgreeOnABagWhoseBaggingDateWasEdited() throws Exception {
        Path dir = unpackedBag("agree-dated", null);
        editBagInfo(dir, "Bagging-Date: 2026-11-27\n", "Bagging-Date: 2025-06-30\n");
        Both b = both(dir);
        dev.tandem.export.BagCheck.Summary s = assertAgree(b);
        assertThat(s.listed()).isTrue();
        // the words tandem verify gives it: the signed export time is the export entry's, not the edited date
        assertThat(b.go().output())
                .contains("\nnot signed: bag-info.txt Bagging-Date: 2025-06-30 (not the date of the signed export"
                        + " time above, " + s.lastAt() + ")\n");
        assertThat(s.lastAt()).startsWith("2026-11-27T");
    }

    @Test
    void goAndJavaAgreeOnABagWithAddedTagFiles() throws Exception {
        Path dir = unpackedBag("agree-tagged", null);
        Files.writeString(dir.resolve("attestation.txt"), "Signed and attested by the CISO, 2026-11-27\n");
        Files.createDirectories(dir.resolve("notes"));
        Files.writeString(dir.resolve("notes/review.txt"), "reviewed\n");
        editBagInfo(dir, "Bagging-Date:", "Source-Organization: Example Corp\nBagging-Date:");
        Both b = both(dir);
        assertAgree(b);
        assertThat(b.go().output())
                .contains("\nnot signed: bag-info.txt Source-Organization: Example Corp\n")
                .contains("\nnot signed: tag file attestation.txt\nnot signed: tag file notes/review.txt\n");
    }

    @Test
    void goAndJavaBothRefuseABagInfoGivingTheIncidentTwice() throws Exception {
        Path dir = unpackedBag("agree-twice", null);
        Path info = dir.resolve("bag-info.txt");
        Files.writeString(info, dev.tandem.export.ExportBag.INCIDENT + ": INC-9\n" + Files.readString(info));
        retag(dir);
        Both b = both(dir);
        assertThat(b.java().ok()).isFalse();
        String message = ((dev.tandem.export.BagCheck.Failed) b.java()).message();
        assertThat(message)
                .isEqualTo("malformed: bag-info.txt: it gives Tandem-Incident 2 times (INC-9, "
                        + dev.tandem.export.SampleBag.INCIDENT + "); a bag has one");
        assertThat(b.go().exit()).as(b.go().output()).isEqualTo(1);
        assertThat(b.go().output()).contains("FAILED: " + message + "\n").doesNotContain("not signed:");
    }

    @Test
    void goRefusesABagInfoWhoseIncidentOrCheckpointFieldIsNotTheSignedOnes() throws Exception {
        Path dir = unpackedBag("checkpoint-field", null);
        String size = dev.tandem.export.ExportBag.SIZE + ": " + bagSize + "\n";
        editBagInfo(dir, size, dev.tandem.export.ExportBag.SIZE + ": " + (bagSize + 1) + "\n");
        Both b = both(dir);
        assertThat(b.java().ok()).isFalse();
        assertThat(b.go().exit()).as(b.go().output()).isEqualTo(1);
        assertThat(b.go().output())
                .contains("FAILED: malformed: bag-info.txt: its checkpoint fields ("
                        + dev.tandem.export.SampleBag.ORIGIN + ", size " + (bagSize + 1) + ", root ");
        // a Tandem-Checkpoint field given twice, the second one the signed checkpoint's, is refused as well
        Path twice = unpackedBag("checkpoint-twice", null);
        editBagInfo(twice, size, dev.tandem.export.ExportBag.SIZE + ": 1\n" + size);
        Both t = both(twice);
        assertThat(((dev.tandem.export.BagCheck.Failed) t.java()).message())
                .isEqualTo("malformed: bag-info.txt: it gives " + dev.tandem.export.ExportBag.SIZE + " 2 times (1, "
                        + bagSize + "); a bag has one");
        assertThat(t.go().output()).contains("FAILED: " + ((dev.tandem.export.BagCheck.Failed) t.java()).message());
        // and a Tandem-Incident no entry of the bag is of
        Path other = unpackedBag("other-incident", null);
        String incident = dev.tandem.export.ExportBag.INCIDENT + ": " + dev.tandem.export.SampleBag.INCIDENT + "\n";
        editBagInfo(other, incident, dev.tandem.export.ExportBag.INCIDENT + ": INC-8\n");
        Both o = both(other);
        String message = ((dev.tandem.export.BagCheck.Failed) o.java()).message();
        assertThat(message)
                .startsWith("malformed: entry #")
                .endsWith(": it belongs to incident " + dev.tandem.export.SampleBag.INCIDENT + ", the bag to INC-8");
        assertThat(o.go().exit()).as(o.go().output()).isEqualTo(1);
        assertThat(o.go().output()).contains(message);
    }

    static final Cosigner witness = Cosigner.generate("witness.example/go");
    static String bagKey;
    static String bagOldCheckpoint;
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
        return unpack(sample, name, alter, false);
    }

    private static Path unpack(dev.tandem.export.SampleBag sample, String name, @Nullable String alter, boolean since)
            throws IOException {
        String text = sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1);
        sample.checkpoint =
                sample.checkpoint + witness.cosign(text, Instant.now().getEpochSecond());
        bagKey = sample.signer.verifierKey();
        bagOldCheckpoint = sample.oldCheckpoint;
        bagEntries = sample.entries.size();
        bagDrawnAt = sample.drawnSize;
        bagSize = sample.size();
        Path zip = sample.write(work.resolve(name + ".zip"), since);
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
