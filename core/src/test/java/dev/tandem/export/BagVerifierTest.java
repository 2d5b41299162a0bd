package dev.tandem.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.export.BagCheck.Problem;
import dev.tandem.ledger.Cosigner;
import dev.tandem.ledger.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of tampering, one at a time, named by the offline verifier (docs/contracts.md §5). */
class BagVerifierTest {
    @TempDir
    Path dir;

    final SampleBag sample = new SampleBag();

    private BagCheck verify(Path bag) throws Exception {
        return BagVerifier.verify(bag, new BagVerifier.Options(sample.signer.verifierKey(), null, List.of(), 0));
    }

    private Map<String, byte[]> files() throws Exception {
        return SampleBag.read(sample.write(dir.resolve("honest.zip"), false));
    }

    private static BagCheck.Failed failed(BagCheck check) {
        assertThat(check).isInstanceOf(BagCheck.Failed.class);
        return (BagCheck.Failed) check;
    }

    private static void replaceInBagInfo(Map<String, byte[]> files, String from, String to) {
        String info = new String(files.get("bag-info.txt"), StandardCharsets.UTF_8);
        files.put("bag-info.txt", info.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    /** A failure of this kind, naming this file, zip entry or ledger entry. */
    private static BagCheck.Failed failed(BagCheck check, Problem problem, String where) {
        BagCheck.Failed f = failed(check);
        assertThat(f.problem()).as(f.message()).isEqualTo(problem);
        assertThat(f.where()).as(f.message()).isEqualTo(where);
        return f;
    }

    @Test
    void verifiesAnHonestBag() throws Exception {
        BagCheck check = verify(sample.write(dir.resolve("bag.zip"), false));
        assertThat(check).isInstanceOf(BagCheck.Verified.class);
        BagCheck.Summary s = ((BagCheck.Verified) check).summary();
        assertThat(s.treeSize()).isEqualTo(sample.size());
        assertThat(s.entries()).isEqualTo(sample.entries.size());
        assertThat(s.evidence()).isEqualTo(sample.evidence.size()).isPositive();
        assertThat(s.keyPinned()).isTrue();
        assertThat(check.warnings()).isEmpty();
        // the bag ends with its own export entry, which lists the entries below the size it was drawn
        // from (not the incident's entry recorded between that size and the export entry) and binds the
        // reports and the OSCAL document
        assertThat(s.exportEntry())
                .isEqualTo(sample.exportIndex)
                .isEqualTo(sample.entries.getLast().index());
        assertThat(s.drawnAt()).isEqualTo(sample.drawnSize).isLessThan(sample.exportIndex);
        assertThat(s.exportBound())
                .containsExactly(
                        "data/" + ExportBag.REPORT_HTML,
                        "data/" + ExportBag.REPORT_PDF,
                        "data/" + ExportBag.OSCAL,
                        "data/" + ExportBag.DRAWN_CHECKPOINT);
        assertThat(s.manifestsOnly()).isEmpty();
        // the checkpoint the reports print, signed by the log, proved consistent with the bag's
        String drawnRoot = sample.drawnCheckpoint.lines().toList().get(2);
        assertThat(s.drawnProved()).isTrue();
        assertThat(s.drawnRoot()).isEqualTo(drawnRoot);
    }

    @Test
    void theOscalDocumentNamesTheBagsCheckpointAndTheDrawnOne() throws Exception {
        Map<String, byte[]> files = files();
        var props = SampleBag.JSON
                .readTree(files.get("data/" + ExportBag.OSCAL))
                .path("assessment-results")
                .path("metadata")
                .path("props");
        Map<String, String> named = new java.util.HashMap<>();
        props.forEach(p -> named.put(p.path("name").asString(), p.path("value").asString()));
        String bag = new String(files.get("data/" + ExportBag.CHECKPOINT), StandardCharsets.UTF_8);
        String drawn = new String(files.get("data/" + ExportBag.DRAWN_CHECKPOINT), StandardCharsets.UTF_8);
        assertThat(named)
                .containsEntry("bag-tree-size", bag.lines().toList().get(1))
                .containsEntry("bag-root-hash", bag.lines().toList().get(2))
                .containsEntry("ledger-tree-size", drawn.lines().toList().get(1))
                .containsEntry("ledger-root-hash", drawn.lines().toList().get(2));
        assertThat(named.get("bag-tree-size")).isEqualTo(String.valueOf(sample.size()));
        assertThat(named.get("ledger-tree-size")).isEqualTo(String.valueOf(sample.drawnSize));
    }

    @Test
    void anOscalDocumentNamingAnotherCheckpointAsTheBagsIsNamed() throws Exception {
        Map<String, byte[]> files = files();
        String doc = new String(files.get("data/" + ExportBag.OSCAL), StandardCharsets.UTF_8);
        String size = "\"name\":\"bag-tree-size\",\"ns\":\"" + OscalAssessmentResults.NS + "\",\"value\":\"";
        assertThat(doc).contains(size + sample.size() + "\"");
        files.put(
                "data/" + ExportBag.OSCAL,
                doc.replace(size + sample.size() + "\"", size + (sample.size() - 1) + "\"")
                        .getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f = failed(
                verify(SampleBag.rebag(files, dir.resolve("t.zip"))), Problem.CHANGED_BYTE, "data/" + ExportBag.OSCAL);
        assertThat(f.reason())
                .contains("it names the bag's checkpoint as [bag-tree-size " + (sample.size() - 1))
                .contains("the bag's checkpoint (data/ledger/checkpoint) is of size " + sample.size());
    }

    @Test
    void aBagOfEachKnownFormatVerifies() throws Exception {
        // format 1: every layout written before bags declared their format, none declaring one
        for (SampleBag.Build build : List.of(
                SampleBag.Build.UNLISTED,
                SampleBag.Build.LISTED,
                SampleBag.Build.DRAWN,
                SampleBag.Build.FORMAT_2,
                SampleBag.Build.DECLARED)) {
            SampleBag bag = new SampleBag(build);
            Path zip = bag.write(dir.resolve(build + ".zip"), false);
            String info = new String(SampleBag.read(zip).get("bag-info.txt"), StandardCharsets.UTF_8);
            BagCheck check = verifyOld(bag, zip);
            assertThat(check.ok()).as(build + ": " + check).isTrue();
            int format = ((BagCheck.Verified) check).summary().format();
            if (build == SampleBag.Build.DECLARED) {
                assertThat(info).startsWith(ExportBag.FORMAT + ": " + ExportBag.FORMAT_VERSION + "\n");
                assertThat(format).isEqualTo(ExportBag.FORMAT_VERSION).isEqualTo(3);
                assertThat(((BagCheck.Verified) check).summary().timeline()).isEqualTo(1);
            } else if (build == SampleBag.Build.FORMAT_2) {
                // a bag made before bags held the analysis timeline still verifies
                assertThat(info).startsWith(ExportBag.FORMAT + ": 2\n");
                assertThat(format).isEqualTo(2);
                assertThat(((BagCheck.Verified) check).summary().timeline()).isEqualTo(-1);
            } else {
                assertThat(info).doesNotContain(ExportBag.FORMAT);
                assertThat(format).as(build.name()).isEqualTo(1);
            }
        }
        // format 1 declared outright is format 1 (no build writes it; it means what no line means)
        Map<String, byte[]> files =
                SampleBag.read(new SampleBag(SampleBag.Build.DRAWN).write(dir.resolve("d.zip"), false));
        files.put(
                "bag-info.txt",
                (ExportBag.FORMAT + ": 1\n" + new String(files.get("bag-info.txt"), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        BagCheck check = BagVerifier.verify(SampleBag.rebag(files, dir.resolve("d1.zip")), BagVerifier.Options.DEFAULT);
        assertThat(check.ok()).as(check.toString()).isTrue();
        assertThat(((BagCheck.Verified) check).summary().format()).isEqualTo(1);
    }

    @Test
    void aBagOfANewerFormatIsNamedAsSuchNotAsItsFiles() throws Exception {
        int newer = ExportBag.FORMAT_VERSION + 1;
        String says = "made by a newer Tandem, format " + newer + "; this verifier knows formats up to "
                + ExportBag.FORMAT_VERSION + ": get the newer tandem verify";
        // a file this verifier does not know, and one it requires gone: as a newer layout might have it
        Map<String, byte[]> files = files();
        files.put("data/ledger/anchors.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.remove("data/" + ExportBag.REPORT_PDF);
        Map<String, byte[]> unbumped = new java.util.LinkedHashMap<>(files);
        replaceInBagInfo(files, ExportBag.FORMAT + ": " + ExportBag.FORMAT_VERSION, ExportBag.FORMAT + ": " + newer);
        BagCheck.Failed f =
                failed(verify(SampleBag.rebag(files, dir.resolve("newer.zip"))), Problem.NEWER_FORMAT, "bag-info.txt");
        assertThat(f.message()).isEqualTo("newer bag format: bag-info.txt: " + f.reason());
        assertThat(f.reason()).startsWith(says);
        // the same files declaring this verifier's format: judged by its rules, the extra file named
        failed(
                verify(SampleBag.rebag(unbumped, dir.resolve("same.zip"))),
                Problem.EXTRA_FILE,
                "data/ledger/anchors.json");
        // named first, before fixity: a newer format may change what the manifests hold
        files.put("manifest-sha256.txt", "not a manifest\n".getBytes(StandardCharsets.UTF_8));
        failed(verify(SampleBag.zip(files, dir.resolve("newer-raw.zip"))), Problem.NEWER_FORMAT, "bag-info.txt");
    }

    /**
     * A bag of this format whose bag-info.txt line was raised by hand still reads as a newer format
     * (a newer format may change what the manifests hold), but the failure says that the bag's own
     * tag manifest records another SHA-256 for bag-info.txt; a bag made with the newer format, whose
     * tag manifest agrees, is not told so.
     */
    @Test
    void aFormatRaisedByHandIsNamedAsChangedSinceTheTagManifest() throws Exception {
        int newer = ExportBag.FORMAT_VERSION + 1;
        String edited = "tagmanifest-sha256.txt records another SHA-256 for bag-info.txt";
        Map<String, byte[]> files = files();
        replaceInBagInfo(files, ExportBag.FORMAT + ": " + ExportBag.FORMAT_VERSION, ExportBag.FORMAT + ": " + newer);
        BagCheck.Failed byHand =
                failed(verify(SampleBag.zip(files, dir.resolve("by-hand.zip"))), Problem.NEWER_FORMAT, "bag-info.txt");
        assertThat(byHand.reason())
                .startsWith("made by a newer Tandem, format " + newer)
                .contains(edited + ": its line may have been changed by hand since the bag was made");
        BagCheck.Failed made =
                failed(verify(SampleBag.rebag(files, dir.resolve("made.zip"))), Problem.NEWER_FORMAT, "bag-info.txt");
        assertThat(made.reason()).doesNotContain(edited);
    }

    /**
     * A payload file removed, both payload manifests and both tag manifests rewritten, but
     * bag-info.txt's Payload-Oxum left as it was (RFC 8493 §2.2.2): no byte of a listed file changed,
     * the payload's count did, and the failure says so with both counts.
     */
    @Test
    void aPayloadFileRemovedWithItsManifestsButNotTheOxumIsAPayloadCount() throws Exception {
        Map<String, byte[]> files = files();
        String info = new String(files.get("bag-info.txt"), StandardCharsets.UTF_8);
        String oxum = info.lines()
                .filter(l -> l.startsWith("Payload-Oxum: "))
                .findFirst()
                .orElseThrow()
                .substring("Payload-Oxum: ".length());
        long octets = Long.parseLong(oxum.substring(0, oxum.indexOf('.')));
        int streams = Integer.parseInt(oxum.substring(oxum.indexOf('.') + 1));
        String evidence = files.keySet().stream()
                .filter(p -> p.startsWith("data/evidence/") && !p.endsWith("index.json"))
                .findFirst()
                .orElseThrow();
        long removed = files.remove(evidence).length;
        Map<String, byte[]> cut = SampleBag.read(SampleBag.rebag(files, dir.resolve("cut.zip")));
        byte[] stale = new String(cut.get("bag-info.txt"), StandardCharsets.UTF_8)
                .replaceFirst("Payload-Oxum: [0-9.]+", "Payload-Oxum: " + oxum)
                .getBytes(StandardCharsets.UTF_8);
        cut.put("bag-info.txt", stale);
        for (String algorithm : List.of("SHA-256", "SHA-512")) {
            String name = "tagmanifest-" + algorithm.replace("-", "").toLowerCase(java.util.Locale.ROOT) + ".txt";
            String hash = java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance(algorithm).digest(stale));
            String tags = new String(cut.get(name), StandardCharsets.UTF_8)
                    .replaceFirst("(?m)^[0-9a-f]+ bag-info\\.txt$", hash + " bag-info.txt");
            cut.put(name, tags.getBytes(StandardCharsets.UTF_8));
        }
        BagCheck.Failed f = failed(verify(SampleBag.zip(cut, dir.resolve("stale-oxum.zip"))));
        assertThat(f.problem().words()).as(f.message()).isEqualTo("payload count");
        assertThat(f.message())
                .startsWith("payload count: bag-info.txt: Payload-Oxum " + oxum + " says " + streams + " files, "
                        + octets + " bytes; the payload is " + (streams - 1) + " files, " + (octets - removed)
                        + " bytes");
    }

    @Test
    void aFormatThatIsNoNumberOrDeclaredTwiceIsMalformed() throws Exception {
        for (String value : List.of("two", "0", "2.0", "-3", "")) {
            Map<String, byte[]> files = files();
            replaceInBagInfo(
                    files, ExportBag.FORMAT + ": " + ExportBag.FORMAT_VERSION, ExportBag.FORMAT + ": " + value);
            BagCheck.Failed f =
                    failed(verify(SampleBag.zip(files, dir.resolve("f.zip"))), Problem.MALFORMED, "bag-info.txt");
            assertThat(f.reason()).as(value).contains(ExportBag.FORMAT + " is \"" + value + "\", not a format number");
        }
        Map<String, byte[]> files = files();
        replaceInBagInfo(
                files,
                ExportBag.FORMAT + ": " + ExportBag.FORMAT_VERSION,
                ExportBag.FORMAT + ": " + ExportBag.FORMAT_VERSION + "\n" + ExportBag.FORMAT + ": 9");
        assertThat(failed(verify(SampleBag.zip(files, dir.resolve("twice.zip"))), Problem.MALFORMED, "bag-info.txt")
                        .reason())
                .contains("declares " + ExportBag.FORMAT + " 2 times (" + ExportBag.FORMAT_VERSION + ", 9)");
    }

    @Test
    void aBagMadeBeforeBagsHeldTheirDrawnCheckpointStillVerifies() throws Exception {
        SampleBag before = new SampleBag(SampleBag.Build.LISTED);
        BagCheck check = verifyOld(before, before.write(dir.resolve("listed.zip"), false));
        assertThat(check.ok()).as(check.toString()).isTrue();
        assertThat(check.warnings()).isEmpty();
        BagCheck.Summary s = ((BagCheck.Verified) check).summary();
        assertThat(s.listed()).isTrue();
        assertThat(s.drawnProved()).isFalse();
        assertThat(s.exportBound())
                .containsExactly(
                        "data/" + ExportBag.REPORT_HTML, "data/" + ExportBag.REPORT_PDF, "data/" + ExportBag.OSCAL);
        // its OSCAL document, naming the drawn checkpoint only, is still bound by its bytes' SHA-256
        Map<String, byte[]> files = SampleBag.read(dir.resolve("listed.zip"));
        byte[] edited = files.get("data/" + ExportBag.OSCAL).clone();
        edited[edited.length / 2] ^= 1;
        files.put("data/" + ExportBag.OSCAL, edited);
        failed(
                verifyOld(before, SampleBag.rebag(files, dir.resolve("listed-t.zip"))),
                Problem.CHANGED_BYTE,
                "data/" + ExportBag.OSCAL);
    }

    @Test
    void theDrawnCheckpointAndItsProofAreChecked() throws Exception {
        String checkpoint = "data/" + ExportBag.DRAWN_CHECKPOINT;
        String proof = "data/" + ExportBag.DRAWN_CONSISTENCY;
        // taken out, either of them
        Map<String, byte[]> files = files();
        files.remove(checkpoint);
        failed(verify(SampleBag.rebag(files, dir.resolve("t1.zip"))), Problem.MISSING_FILE, checkpoint);
        files = files();
        files.remove(proof);
        failed(verify(SampleBag.rebag(files, dir.resolve("t2.zip"))), Problem.MISSING_FILE, proof);
        // a proof hash changed
        files = files();
        String p = new String(files.get(proof), StandardCharsets.UTF_8);
        int at = p.indexOf("\"hashes\":[\"") + 11;
        files.put(
                proof,
                (p.substring(0, at) + (p.charAt(at) == 'A' ? 'B' : 'A') + p.substring(at + 1))
                        .getBytes(StandardCharsets.UTF_8));
        failed(verify(SampleBag.rebag(files, dir.resolve("t3.zip"))), Problem.INCONSISTENT, proof);
        // another checkpoint of the log, signed with its key, in its place: not the one the export entry records
        files = files();
        String other = sample.signer.sign(
                new dev.tandem.ledger.Checkpoint(SampleBag.ORIGIN, sample.drawnSize, new byte[32]).text());
        files.put(checkpoint, other.getBytes(StandardCharsets.UTF_8));
        assertThat(failed(verify(SampleBag.rebag(files, dir.resolve("t4.zip"))), Problem.CHANGED_BYTE, checkpoint)
                        .reason())
                .startsWith("not the drawn checkpoint the export entry #" + sample.exportIndex + " records");
    }

    private BagCheck verifyOld(SampleBag old, Path bag) throws Exception {
        return BagVerifier.verify(bag, new BagVerifier.Options(old.signer.verifierKey(), null, List.of(), 0));
    }

    @Test
    void anOlderBuildsBagWithoutItsExportEntryVerifiesWithAWarning() throws Exception {
        SampleBag old = new SampleBag(false);
        BagCheck check = verifyOld(old, old.write(dir.resolve("old.zip"), false));
        assertThat(check.ok()).as(check.toString()).isTrue();
        BagCheck.Summary s = ((BagCheck.Verified) check).summary();
        assertThat(s.listed()).isFalse();
        assertThat(s.entries()).isEqualTo(old.entries.size());
        assertThat(s.manifestsOnly())
                .containsExactly(
                        "data/" + ExportBag.REPORT_HTML, "data/" + ExportBag.REPORT_PDF, "data/" + ExportBag.OSCAL);
        assertThat(check.warnings()).singleElement().asString().startsWith("completeness is not proven");
    }

    @Test
    void anEntryTakenOutWithItsProofIsNamed() throws Exception {
        Map<String, byte[]> files = files();
        ExportBag.Entry note = sample.entries.stream()
                .filter(e ->
                        new String(e.leaf(), StandardCharsets.UTF_8).contains("\"commitment\"")) // a FORENSIC addition
                .findFirst()
                .orElseThrow();
        dropEntries(files, java.util.Set.of(note.index()));
        BagCheck.Failed f = failed(
                verify(SampleBag.rebag(files, dir.resolve("t.zip"))),
                Problem.MISSING_ENTRY,
                "data/" + ExportBag.ENTRIES);
        assertThat(f.message())
                .isEqualTo("missing entry: data/ledger/entries.jsonl: the bag holds " + (sample.entries.size() - 2)
                        + " of the incident's entries below tree size " + sample.drawnSize + ", but export entry #"
                        + sample.exportIndex + " records " + (sample.entries.size() - 1) + " (SHA-256 "
                        + ExportBag.entriesSha256(sample.entries.stream()
                                .map(ExportBag.Entry::index)
                                .filter(i -> i < sample.drawnSize)
                                .toList())
                        + " of their indices): an entry was left out, with its proof");
    }

    @Test
    void theExportEntryTakenOutWithItsProofIsNamedWhenAnEarlierExportListed() throws Exception {
        Map<String, byte[]> files = files();
        dropEntries(files, java.util.Set.of(sample.exportIndex));
        BagCheck.Failed f = failed(
                verify(SampleBag.rebag(files, dir.resolve("t.zip"))),
                Problem.MISSING_ENTRY,
                "data/" + ExportBag.ENTRIES);
        assertThat(f.reason())
                .contains("is not its own incident.exported entry, yet entry #" + SampleBag.EARLIER_EXPORT)
                .contains("taken out");
    }

    @Test
    void anEntryAboveTheDrawnSizeThatIsNotTheExportEntryIsNamed() throws Exception {
        // the incident's entry recorded between the drawn size and the export entry, put in with its proof
        Map<String, byte[]> files = files();
        long between = sample.drawnSize;
        byte[] leaf = sample.leaves.get((int) between);
        StringBuilder entries = new StringBuilder();
        StringBuilder proofs = new StringBuilder();
        String[] e = new String(files.get("data/" + ExportBag.ENTRIES), StandardCharsets.UTF_8).split("\n");
        String[] p = new String(files.get("data/" + ExportBag.PROOFS), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < e.length; i++) {
            if (i == e.length - 1) {
                entries.append(
                        new String(ExportBag.entryLine(new ExportBag.Entry(between, leaf)), StandardCharsets.UTF_8));
                proofs.append(new String(
                        ExportBag.proofLine(new ExportBag.Proof(
                                between,
                                sample.size(),
                                dev.tandem.ledger.MerkleLog.inclusionProof(between, sample.size(), sample.store))),
                        StandardCharsets.UTF_8));
            }
            entries.append(e[i]).append('\n');
            proofs.append(p[i]).append('\n');
        }
        files.put("data/" + ExportBag.ENTRIES, entries.toString().getBytes(StandardCharsets.UTF_8));
        files.put("data/" + ExportBag.PROOFS, proofs.toString().getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f =
                failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))), Problem.MALFORMED, "entry #" + between);
        assertThat(f.reason()).startsWith("it is at or above tree size " + sample.drawnSize);
    }

    @Test
    void aReportOrTheOscalDocumentEditedWithItsManifestsRecomputedIsNamed() throws Exception {
        for (String path : List.of(ExportBag.REPORT_HTML, ExportBag.REPORT_PDF, ExportBag.OSCAL)) {
            Map<String, byte[]> files = files();
            byte[] edited = files.get("data/" + path).clone();
            edited[edited.length / 2] ^= 1;
            files.put("data/" + path, edited);
            BagCheck.Failed f =
                    failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))), Problem.CHANGED_BYTE, "data/" + path);
            assertThat(f.message())
                    .startsWith("changed byte: data/" + path + ": not the "
                            + (path.equals(ExportBag.OSCAL) ? "OSCAL document" : "report") + " the export entry #"
                            + sample.exportIndex + " records");
        }
    }

    @Test
    void aSinceBagEndsWithItsExportEntryToo() throws Exception {
        BagCheck check = BagVerifier.verify(
                sample.write(dir.resolve("since.zip"), true),
                new BagVerifier.Options(sample.signer.verifierKey(), sample.oldCheckpoint, List.of(), 0));
        assertThat(check.ok()).as(check.toString()).isTrue();
        BagCheck.Summary s = ((BagCheck.Verified) check).summary();
        assertThat(s.consistentFrom()).isPositive();
        assertThat(s.exportEntry()).isEqualTo(sample.exportIndex);
        assertThat(check.warnings()).isEmpty();
        Map<String, byte[]> files = SampleBag.read(sample.write(dir.resolve("since2.zip"), true));
        dropEntries(files, java.util.Set.of(sample.entries.get(1).index()));
        failed(
                BagVerifier.verify(
                        SampleBag.rebag(files, dir.resolve("t.zip")),
                        new BagVerifier.Options(sample.signer.verifierKey(), sample.oldCheckpoint, List.of(), 0)),
                Problem.MISSING_ENTRY,
                "data/" + ExportBag.ENTRIES);
    }

    @Test
    void zipHoldsOneBaseDirectoryWithTheDeclarationFirst() throws Exception {
        Path bag = sample.write(dir.resolve("bag.zip"), false);
        try (var zip = new java.util.zip.ZipFile(bag.toFile())) {
            var names = zip.stream().map(java.util.zip.ZipEntry::getName).toList();
            String base = ExportBag.bagName(SampleBag.INCIDENT, sample.size()) + "/";
            assertThat(names).allMatch(n -> n.startsWith(base));
            assertThat(names.getFirst()).isEqualTo(base + "bagit.txt");
            assertThat(names)
                    .contains(
                            base + "bag-info.txt",
                            base + "manifest-sha256.txt",
                            base + "manifest-sha512.txt",
                            base + "tagmanifest-sha256.txt");
        }
        String info = new String(SampleBag.read(bag).get("bag-info.txt"), StandardCharsets.UTF_8);
        assertThat(info)
                .contains("Tandem-Incident: INC-7", "Tandem-Checkpoint-Size: " + sample.size(), "Payload-Oxum: ");
    }

    @Test
    void anUnpackedBagVerifiesToo() throws Exception {
        Map<String, byte[]> files = files();
        Path folder = dir.resolve("unpacked");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = folder.resolve(f.getKey());
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.write(p, f.getValue());
        }
        assertThat(verify(folder).ok()).isTrue();
    }

    @Test
    void withoutAPinnedKeyItWarns() throws Exception {
        BagCheck check = BagVerifier.verify(sample.write(dir.resolve("bag.zip"), false), BagVerifier.Options.DEFAULT);
        assertThat(check.ok()).isTrue();
        assertThat(check.warnings()).singleElement().asString().contains("pin the key");
    }

    @Test
    void namesAChangedByte() throws Exception {
        Map<String, byte[]> files = files();
        String path = "data/" + ExportBag.evidencePath(sample.evidence.get(1).sha256());
        files.get(path)[7] ^= 1;
        BagCheck.Failed f = failed(verify(SampleBag.zip(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.CHANGED_BYTE);
        assertThat(f.where()).isEqualTo(path);
        assertThat(f.message()).startsWith("changed byte: " + path + ": its SHA256 is ");
    }

    /**
     * A byte changed in an entry's compressed data may leave it impossible to inflate: the zip still
     * opens and names the entry, so that is a changed byte (exit 1), not an unreadable bag.
     */
    @Test
    void namesAnEntryWhoseCompressedBytesCannotBeInflated() throws Exception {
        String path = "data/" + ExportBag.evidencePath(sample.evidence.get(1).sha256());
        Path zip = SampleBag.zip(files(), dir.resolve("inflate.zip"));
        byte[] bytes = java.nio.file.Files.readAllBytes(zip);
        byte[] name = ("bag/" + path).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(bytes, name);
        int header = at - 30;
        assertThat(bytes[header] == 'P' && bytes[header + 1] == 'K' && bytes[header + 2] == 3)
                .as("a local file header")
                .isTrue();
        int nameLength = (bytes[header + 26] & 0xff) | (bytes[header + 27] & 0xff) << 8;
        int extraLength = (bytes[header + 28] & 0xff) | (bytes[header + 29] & 0xff) << 8;
        // the first deflate block header: BTYPE 11 is reserved (RFC 1951 §3.2.3), so inflating fails
        bytes[header + 30 + nameLength + extraLength] = (byte) 0xFF;
        java.nio.file.Files.write(zip, bytes);
        BagCheck.Failed f = failed(verify(zip));
        assertThat(f.problem()).isEqualTo(Problem.CHANGED_BYTE);
        assertThat(f.where()).isEqualTo(path);
        assertThat(f.message()).contains("cannot be inflated");
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) continue outer;
            }
            return i;
        }
        throw new AssertionError("not in the zip");
    }

    @Test
    void namesAChangedTagFile() throws Exception {
        Map<String, byte[]> files = files();
        replaceInBagInfo(files, "INC-7", "INC-8");
        BagCheck.Failed f = failed(verify(SampleBag.zip(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.CHANGED_BYTE);
        assertThat(f.where()).isEqualTo("bag-info.txt");
    }

    @Test
    void namesAMissingFile() throws Exception {
        Map<String, byte[]> files = files();
        files.remove("data/" + ExportBag.PROOFS);
        BagCheck.Failed f = failed(verify(SampleBag.zip(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.MISSING_FILE);
        assertThat(f.where()).isEqualTo("data/" + ExportBag.PROOFS);
    }

    @Test
    void namesAnExtraFile() throws Exception {
        Map<String, byte[]> files = files();
        files.put("data/evidence/planted.txt", "not from the server".getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f = failed(verify(SampleBag.zip(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.EXTRA_FILE);
        assertThat(f.where()).isEqualTo("data/evidence/planted.txt");
    }

    @Test
    void namesAnExtraTagFile() throws Exception {
        Map<String, byte[]> files = files();
        files.put("notes.txt", "an unlisted note".getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f = failed(verify(SampleBag.zip(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.EXTRA_FILE);
        assertThat(f.where()).isEqualTo("notes.txt");
    }

    @Test
    void namesTheEntryWhoseProofDoesNotLeadToTheRoot() throws Exception {
        Map<String, byte[]> files = files();
        String[] lines = new String(files.get("data/" + ExportBag.PROOFS), StandardCharsets.UTF_8).split("\n");
        ExportBag.Entry third = sample.entries.get(2);
        byte[] zero = new byte[32];
        lines[2] = lines[2].replaceFirst(
                "\"hashes\":\\[\"[^\"]+\"",
                "\"hashes\":[\"" + Base64.getEncoder().encodeToString(zero) + "\"");
        files.put("data/" + ExportBag.PROOFS, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        // the manifests are rewritten to match: only the proof itself can catch this
        BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.PROOF_MISMATCH);
        assertThat(f.where()).isEqualTo("entry #" + third.index());
        assertThat(f.reason()).contains("not to the expected root");
    }

    @Test
    void namesAnEntryRewrittenWithItsManifests() throws Exception {
        Map<String, byte[]> files = files();
        String entries = new String(files.get("data/" + ExportBag.ENTRIES), StandardCharsets.UTF_8);
        ExportBag.Entry first = sample.entries.getFirst();
        String leaf = new String(first.leaf(), StandardCharsets.UTF_8).replace("alice", "mallory");
        entries = entries.replace(
                Base64.getEncoder().encodeToString(first.leaf()),
                Base64.getEncoder().encodeToString(leaf.getBytes(StandardCharsets.UTF_8)));
        files.put("data/" + ExportBag.ENTRIES, entries.getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.PROOF_MISMATCH);
        assertThat(f.where()).isEqualTo("entry #" + first.index());
    }

    @Test
    void namesABadSignature() throws Exception {
        Map<String, byte[]> files = files();
        String cp = new String(files.get("data/" + ExportBag.CHECKPOINT), StandardCharsets.UTF_8);
        int sig = cp.lastIndexOf(' ') + 10;
        char c = cp.charAt(sig);
        cp = cp.substring(0, sig) + (c == 'A' ? 'B' : 'A') + cp.substring(sig + 1);
        files.put("data/" + ExportBag.CHECKPOINT, cp.getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(f.where()).isEqualTo("data/" + ExportBag.CHECKPOINT);
    }

    @Test
    void aBagSignedByAnotherKeyFailsAgainstThePinnedKey() throws Exception {
        Path bag = sample.write(dir.resolve("bag.zip"), false);
        String other = NoteSigner.generate(SampleBag.ORIGIN).verifierKey();
        BagCheck.Failed f = failed(BagVerifier.verify(bag, new BagVerifier.Options(other, null, List.of(), 0)));
        assertThat(f.problem()).isEqualTo(Problem.BAD_SIGNATURE);
        assertThat(f.reason()).contains("no signature by");
    }

    @Test
    void namesEvidenceWhoseBytesDifferFromTheLedger() throws Exception {
        Map<String, byte[]> files = files();
        ExportBag.Evidence e = sample.evidence.get(2);
        String path = "data/" + ExportBag.evidencePath(e.sha256());
        files.put(path, "a substituted document".getBytes(StandardCharsets.UTF_8));
        // manifests recomputed: fixity holds, the ledger entry does not
        BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.EVIDENCE_MISMATCH);
        assertThat(f.where()).isEqualTo(path);
        assertThat(f.reason()).contains("ledger entry #" + e.ledgerIndex() + " records " + e.sha256());
    }

    @Test
    void namesAuditEvidenceTakenOutWithItsIndexRowAndTheManifestsRecomputed() throws Exception {
        Map<String, byte[]> files = files();
        ExportBag.Evidence gone = sample.evidence.get(1);
        files.remove("data/" + ExportBag.evidencePath(gone.sha256()));
        List<ExportBag.Evidence> kept =
                sample.evidence.stream().filter(e -> !e.id().equals(gone.id())).toList();
        files.put("data/" + ExportBag.INDEX, ExportBag.index(kept));
        BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.MISSING_FILE);
        assertThat(f.where()).isEqualTo("data/" + ExportBag.evidencePath(gone.sha256()));
        assertThat(f.reason())
                .contains("AUDIT evidence " + gone.id() + " (" + gone.name() + ")")
                .contains("entry #" + gone.ledgerIndex());
    }

    @Test
    void namesAnIndexRowWhoseNameOrKindIsNotTheLedgers() throws Exception {
        for (String field : List.of("name", "kind")) {
            Map<String, byte[]> files = files();
            ExportBag.Evidence e = sample.evidence.get(0);
            List<ExportBag.Evidence> renamed = sample.evidence.stream()
                    .map(x -> x.id().equals(e.id())
                            ? new ExportBag.Evidence(
                                    x.id(),
                                    field.equals("name") ? "access-review.csv" : x.name(),
                                    field.equals("kind") ? "DOCUMENT" : x.kind(),
                                    x.sha256(),
                                    x.size(),
                                    x.ledgerIndex())
                            : x)
                    .toList();
            files.put("data/" + ExportBag.INDEX, ExportBag.index(renamed));
            BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve(field + ".zip"))));
            assertThat(f.problem()).as(field).isEqualTo(Problem.EVIDENCE_MISMATCH);
            assertThat(f.where()).isEqualTo("data/" + ExportBag.INDEX);
            assertThat(f.reason())
                    .startsWith("evidence " + e.id() + " has " + field + " '")
                    .contains("ledger entry #" + e.ledgerIndex() + " records '"
                            + (field.equals("name") ? e.name() : e.kind()) + "'");
        }
    }

    @Test
    void aZipUnpackedAsItIsVerifiesFromTheFolderAbove() throws Exception {
        Path bag = sample.write(dir.resolve("bag.zip"), false);
        Path folder = dir.resolve("unzipped");
        try (var zip = new java.util.zip.ZipFile(bag.toFile())) {
            for (var z : java.util.Collections.list(zip.entries())) {
                Path p = folder.resolve(z.getName());
                if (z.isDirectory()) continue;
                java.nio.file.Files.createDirectories(p.getParent());
                try (var in = zip.getInputStream(z)) {
                    java.nio.file.Files.copy(in, p);
                }
            }
        }
        assertThat(java.nio.file.Files.exists(folder.resolve("bagit.txt"))).isFalse();
        assertThat(verify(folder).ok()).isTrue();
        // a second folder beside it is no bag's base directory: nothing is guessed
        java.nio.file.Files.createDirectories(folder.resolve("other"));
        assertThat(failed(verify(folder)).problem()).isEqualTo(Problem.MISSING_FILE);
    }

    @Test
    void checksConsistencyWithAnOlderCheckpoint() throws Exception {
        Path bag = sample.write(dir.resolve("since.zip"), true);
        BagCheck check = BagVerifier.verify(
                bag, new BagVerifier.Options(sample.signer.verifierKey(), sample.oldCheckpoint, List.of(), 0));
        assertThat(check.ok()).as(check.toString()).isTrue();
        assertThat(((BagCheck.Verified) check).summary().consistentFrom()).isEqualTo(20);
    }

    @Test
    void namesAForkAgainstTheOlderCheckpoint() throws Exception {
        Path bag = sample.write(dir.resolve("since.zip"), true);
        // the same key signed another history of size 20 earlier: a fork
        String forked = sample.signer.sign(new dev.tandem.ledger.Checkpoint(SampleBag.ORIGIN, 20, new byte[32]).text());
        BagCheck.Failed f = failed(
                BagVerifier.verify(bag, new BagVerifier.Options(sample.signer.verifierKey(), forked, List.of(), 0)));
        assertThat(f.problem()).isEqualTo(Problem.INCONSISTENT);
        assertThat(f.where()).isEqualTo("data/" + ExportBag.CONSISTENCY);
    }

    @Test
    void asksForTheConsistencyProofWhenTheBagHasNone() throws Exception {
        Path bag = sample.write(dir.resolve("bag.zip"), false);
        BagCheck.Failed f = failed(BagVerifier.verify(
                bag, new BagVerifier.Options(sample.signer.verifierKey(), sample.oldCheckpoint, List.of(), 0)));
        assertThat(f.problem()).isEqualTo(Problem.MISSING_FILE);
        assertThat(f.reason()).contains("?since=20");
    }

    @Test
    void countsWitnessCosignaturesAgainstTheQuorum() throws Exception {
        Cosigner w1 = Cosigner.generate("witness.example/w1");
        Cosigner w2 = Cosigner.generate("witness.example/w2");
        String text = sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1);
        sample.checkpoint = sample.checkpoint + w1.cosign(text, 1_795_000_000L);
        Path bag = sample.write(dir.resolve("cosigned.zip"), false);
        String key = sample.signer.verifierKey();
        BagCheck one = BagVerifier.verify(bag, new BagVerifier.Options(key, null, List.of(w1.verifierKey()), 1));
        assertThat(one.ok()).isTrue();
        assertThat(((BagCheck.Verified) one).summary().cosignatures()).isEqualTo(1);
        BagCheck.Failed two = failed(BagVerifier.verify(
                bag, new BagVerifier.Options(key, null, List.of(w1.verifierKey(), w2.verifierKey()), 2)));
        assertThat(two.problem()).isEqualTo(Problem.QUORUM);
        assertThat(two.reason()).contains("witness.example/w2");
    }

    /** The bag's files without the entries (and their proofs) at the given ledger indices. */
    private static void dropEntries(Map<String, byte[]> files, java.util.Set<Long> indices) {
        for (String path : List.of("data/" + ExportBag.ENTRIES, "data/" + ExportBag.PROOFS)) {
            StringBuilder kept = new StringBuilder();
            for (String line : new String(files.get(path), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && indices.stream().noneMatch(i -> line.startsWith("{\"index\":" + i + ","))) {
                    kept.append(line).append('\n');
                }
            }
            files.put(path, kept.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Entries and proofs emptied, the index [] and the evidence gone, manifests recomputed. */
    private Map<String, byte[]> emptied() throws Exception {
        Map<String, byte[]> files = files();
        files.put("data/" + ExportBag.ENTRIES, new byte[0]);
        files.put("data/" + ExportBag.PROOFS, new byte[0]);
        files.put("data/" + ExportBag.INDEX, "[]".getBytes(StandardCharsets.UTF_8));
        files.keySet().removeIf(p -> p.startsWith("data/evidence/") && !p.equals("data/" + ExportBag.INDEX));
        return files;
    }

    @Test
    void anEmptiedBagWithItsManifestsRecomputedFails() throws Exception {
        Map<String, byte[]> files = emptied();
        files.keySet().removeIf(p -> p.startsWith("data/reports/") || p.startsWith("data/oscal/"));
        BagCheck.Failed f = failed(
                verify(SampleBag.rebag(files, dir.resolve("t.zip"))),
                Problem.MISSING_FILE,
                "data/" + ExportBag.REPORT_HTML);
    }

    @Test
    void aBagWithoutTheIncidentsOpeningEntryFails() throws Exception {
        // the reports and the OSCAL document kept: only the ledger can tell the incident was emptied
        BagCheck.Failed f = failed(
                verify(SampleBag.rebag(emptied(), dir.resolve("t.zip"))),
                Problem.MISSING_ENTRY,
                "data/" + ExportBag.ENTRIES);
        assertThat(f.message())
                .startsWith("missing entry: data/ledger/entries.jsonl: no incident.opened entry of incident INC-7");
        // the opening entry and its proof bind the incident; what else was left out, with its proofs, the
        // bag cannot show (the limit docs/export.md states)
        Map<String, byte[]> onlyOpened = emptied();
        ExportBag.Entry opened = sample.entries.getFirst();
        onlyOpened.put("data/" + ExportBag.ENTRIES, files().get("data/" + ExportBag.ENTRIES));
        onlyOpened.put("data/" + ExportBag.PROOFS, files().get("data/" + ExportBag.PROOFS));
        dropEntries(
                onlyOpened,
                sample.entries.stream()
                        .map(ExportBag.Entry::index)
                        .filter(i -> i != opened.index())
                        .collect(java.util.stream.Collectors.toSet()));
        // the bag's own export entry went too: with the drawn checkpoint it alone binds left in, that shows
        BagCheck.Failed left = failed(
                verify(SampleBag.rebag(onlyOpened, dir.resolve("left.zip"))),
                Problem.EXTRA_FILE,
                "data/" + ExportBag.DRAWN_CHECKPOINT);
        assertThat(left.reason()).contains("the bag ends with no export entry of its own");
        // taken out too (and the timeline's line of an entry left out), it verifies as an older build's
        // bag would, with the warning
        onlyOpened.put("data/" + ExportBag.ANALYSIS_TIMELINE, new byte[0]);
        onlyOpened.remove("data/" + ExportBag.DRAWN_CHECKPOINT);
        onlyOpened.remove("data/" + ExportBag.DRAWN_CONSISTENCY);
        BagCheck check = verify(SampleBag.rebag(onlyOpened, dir.resolve("opened.zip")));
        assertThat(check.ok()).as(check.toString()).isTrue();
        assertThat(check.warnings()).singleElement().asString().startsWith("completeness is not proven");
    }

    @Test
    void namesEachReportOrOscalFileTakenOutWithTheManifestsRecomputed() throws Exception {
        for (String path : List.of(ExportBag.REPORT_HTML, ExportBag.REPORT_PDF, ExportBag.OSCAL)) {
            Map<String, byte[]> files = files();
            files.remove("data/" + path);
            BagCheck.Failed f =
                    failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))), Problem.MISSING_FILE, "data/" + path);
        }
        Map<String, byte[]> files = files();
        files.keySet().removeIf(p -> p.startsWith("data/oscal/"));
        assertThat(failed(verify(SampleBag.rebag(files, dir.resolve("oscal.zip"))))
                        .message())
                .startsWith("missing file: data/oscal/assessment-results.json: ");
    }

    @Test
    void namesAPayloadFileTheContractDoesNotDefineEvenWhenListed() throws Exception {
        for (String extra : List.of("data/extra.txt", "data/ledger/extra.jsonl", "data/reports/extra.html")) {
            Map<String, byte[]> files = files();
            files.put(extra, "planted\n".getBytes(StandardCharsets.UTF_8));
            BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))), Problem.EXTRA_FILE, extra);
            assertThat(f.reason()).contains("the contract defines no such payload file");
        }
    }

    @Test
    void namesAuditEvidenceTakenOutWithItsEntryWhileAnotherEntryCitesIt() throws Exception {
        // an older build's bag: in one that ends with its export entry, the listing names it first
        SampleBag sample = new SampleBag(false);
        Map<String, byte[]> files = SampleBag.read(sample.write(dir.resolve("old.zip"), false));
        ExportBag.Evidence gone = sample.evidence.stream()
                .filter(e -> e.id().equals("ev-6"))
                .findFirst()
                .orElseThrow();
        files.remove("data/" + ExportBag.evidencePath(gone.sha256()));
        files.put(
                "data/" + ExportBag.INDEX,
                ExportBag.index(sample.evidence.stream()
                        .filter(e -> !e.id().equals(gone.id()))
                        .toList()));
        dropEntries(files, java.util.Set.of(gone.ledgerIndex()));
        BagCheck.Failed f = failed(
                verifyOld(sample, SampleBag.rebag(files, dir.resolve("t.zip"))),
                Problem.MISSING_FILE,
                "data/" + ExportBag.INDEX);
        assertThat(f.reason())
                .startsWith("AUDIT evidence ev-6, which entry #" + SampleBag.ANSWER
                        + " (evidence-request.answered) cites, is not in it");
    }

    @Test
    void aBagWithoutAnItemCounselPulledBackVerifiesAndWithoutThePullBackEntryFails() throws Exception {
        // ev-6 was AUDIT: added, cited by an answered request and an earlier export, read; then pulled back
        SampleBag pulled = new SampleBag(true, "ev-6");
        Path bag = pulled.write(dir.resolve("pulled.zip"), false);
        BagCheck check =
                BagVerifier.verify(bag, new BagVerifier.Options(pulled.signer.verifierKey(), null, List.of(), 0));
        assertThat(check).as(check.toString()).isInstanceOf(BagCheck.Verified.class);
        assertThat(((BagCheck.Verified) check).summary().evidence()).isEqualTo(pulled.evidence.size());
        assertThat(pulled.evidence).noneMatch(e -> e.id().equals("ev-6"));
        assertThat(SampleBag.read(bag).keySet()).noneMatch(p -> p.contains("fw-6"));

        // an older build's bag (no export entry listing the entries): the pull back taken out with its
        // proof leaves the item's AUDIT addition without its bytes, which is named
        SampleBag old = new SampleBag(false, "ev-6");
        Map<String, byte[]> files = SampleBag.read(old.write(dir.resolve("old-pulled.zip"), false));
        long pullBack = old.entries.stream()
                .filter(e -> new String(e.leaf(), StandardCharsets.UTF_8).contains("evidence.pulled-back"))
                .findFirst()
                .orElseThrow()
                .index();
        dropEntries(files, java.util.Set.of(pullBack));
        BagCheck.Failed f = failed(verifyOld(old, SampleBag.rebag(files, dir.resolve("t.zip"))));
        assertThat(f.problem()).isEqualTo(Problem.MISSING_FILE);
        assertThat(f.reason()).contains("AUDIT evidence ev-6 (fw-6.log)");
    }

    @Test
    void namesAnIndexRowWhoseSizeIsNotTheLedgers() throws Exception {
        Map<String, byte[]> files = files();
        ExportBag.Evidence e = sample.evidence.get(0);
        files.put(
                "data/" + ExportBag.INDEX,
                ExportBag.index(sample.evidence.stream()
                        .map(x -> x.id().equals(e.id())
                                ? new ExportBag.Evidence(x.id(), x.name(), x.kind(), x.sha256(), 1, x.ledgerIndex())
                                : x)
                        .toList()));
        BagCheck.Failed f = failed(
                verify(SampleBag.rebag(files, dir.resolve("t.zip"))),
                Problem.EVIDENCE_MISMATCH,
                "data/" + ExportBag.INDEX);
        assertThat(f.reason()).startsWith("evidence " + e.id() + " has size 1, ledger entry #" + e.ledgerIndex());
    }

    @Test
    void aBagInfoWithoutTheIncidentIsMalformed() throws Exception {
        Map<String, byte[]> files = files();
        replaceInBagInfo(files, "Tandem-Incident: INC-7\n", "");
        BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))));
        assertThat(f.message()).isEqualTo("malformed: bag-info.txt: it names no Tandem-Incident");
    }

    @Test
    void anOlderBuildsBagWithAnEditedReportAndItsManifestsRecomputedVerifiesAndTheSummarySaysSo() throws Exception {
        SampleBag old = new SampleBag(false);
        Map<String, byte[]> files = SampleBag.read(old.write(dir.resolve("old.zip"), false));
        files.put(
                "data/" + ExportBag.REPORT_HTML, "<html><body>all fine</body></html>".getBytes(StandardCharsets.UTF_8));
        BagCheck check = verifyOld(old, SampleBag.rebag(files, dir.resolve("t.zip")));
        assertThat(check.ok()).isTrue();
        assertThat(((BagCheck.Verified) check).summary().manifestsOnly())
                .containsExactly(
                        "data/" + ExportBag.REPORT_HTML, "data/" + ExportBag.REPORT_PDF, "data/" + ExportBag.OSCAL);
    }

    @Test
    void theTagManifestTheContractRequiresIsNamedWhenMissing() throws Exception {
        Map<String, byte[]> both = files();
        both.remove("tagmanifest-sha256.txt");
        both.remove("tagmanifest-sha512.txt");
        BagCheck.Failed none = failed(
                verify(SampleBag.zip(both, dir.resolve("none.zip"))), Problem.MISSING_FILE, "tagmanifest-sha256.txt");
        assertThat(none.reason()).startsWith("the tag manifests are missing");

        Map<String, byte[]> sha256 = files();
        sha256.remove("tagmanifest-sha256.txt");
        BagCheck.Failed f = failed(verify(SampleBag.zip(sha256, dir.resolve("sha256.zip"))));
        assertThat(f.message()).startsWith("missing file: tagmanifest-sha256.txt: the bag must carry it");

        Map<String, byte[]> payload = files();
        payload.remove("manifest-sha512.txt");
        assertThat(failed(verify(SampleBag.zip(payload, dir.resolve("payload.zip"))))
                        .where())
                .isEqualTo("manifest-sha512.txt");

        // tagmanifest-sha512.txt is Tandem's addition, not the contract's: a bag without it verifies, with a warning
        Map<String, byte[]> sha512 = files();
        sha512.remove("tagmanifest-sha512.txt");
        BagCheck check = verify(SampleBag.zip(sha512, dir.resolve("sha512.zip")));
        assertThat(check.ok()).isTrue();
        assertThat(check.warnings()).singleElement().asString().contains("tagmanifest-sha512.txt is absent");
    }

    @Test
    void aTagFileMustBeListedInEveryTagManifest() throws Exception {
        Map<String, byte[]> files = files();
        String manifest = new String(files.get("tagmanifest-sha256.txt"), StandardCharsets.UTF_8);
        files.put(
                "tagmanifest-sha256.txt",
                manifest.lines()
                        .filter(l -> !l.endsWith(" bag-info.txt"))
                        .map(l -> l + "\n")
                        .reduce("", String::concat)
                        .getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f = failed(verify(SampleBag.zip(files, dir.resolve("t.zip"))));
        assertThat(f.message()).isEqualTo("extra file: bag-info.txt: not listed in tagmanifest-sha256.txt");
    }

    /** The honest bag's entries under {@code bag/}, then {@code extra} entries as named, bytes as given. */
    private Path zipWith(Map<String, byte[]> files, String name, Map<String, byte[]> extra) throws Exception {
        Path zip = dir.resolve(name);
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry("bag/" + f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
            for (Map.Entry<String, byte[]> f : extra.entrySet()) {
                out.putNextEntry(new java.util.zip.ZipEntry(f.getKey()));
                out.write(f.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void namesAZipEntryOutsideTheBaseDirectory() throws Exception {
        Path zip = zipWith(files(), "readme.zip", Map.of("README.txt", "read me\n".getBytes(StandardCharsets.UTF_8)));
        BagCheck.Failed f = failed(verify(zip), Problem.EXTRA_FILE, "README.txt");
        assertThat(f.reason()).contains("outside the bag's base directory bag/");
    }

    @Test
    void namesAZipEntryWithAnUnsafePath() throws Exception {
        for (String evil : List.of("../evil.txt", "bag/data/../../evil.txt")) {
            Path zip = zipWith(files(), "evil.zip", Map.of(evil, "x".getBytes(StandardCharsets.UTF_8)));
            BagCheck.Failed f = failed(verify(zip), Problem.MALFORMED, evil);
            assertThat(f.reason()).contains("unsafe path");
        }
    }

    @Test
    void namesAZipEntryHeldTwice() throws Exception {
        // ZipOutputStream refuses a duplicate name: write another of the same length, then rename it in the bytes
        Map<String, byte[]> files = files();
        Path zip = zipWith(
                files, "twice.zip", Map.of("bag/data/ledger/kez", "planted\n".getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = java.nio.file.Files.readAllBytes(zip);
        String latin =
                new String(bytes, StandardCharsets.ISO_8859_1).replace("bag/data/ledger/kez", "bag/data/ledger/key");
        java.nio.file.Files.write(zip, latin.getBytes(StandardCharsets.ISO_8859_1));
        BagCheck.Failed f = failed(verify(zip), Problem.MALFORMED, "bag/data/ledger/key");
        assertThat(f.reason()).contains("twice");
    }

    @Test
    void aFileThatIsNoZipCannotBeRead() throws Exception {
        Path notZip = java.nio.file.Files.writeString(dir.resolve("bag.zip"), "not a zip\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> verify(notZip))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aBagOlderThanTheCheckpointVerifiedBeforeIsARollbackOrAnOldBag() throws Exception {
        Path bag = sample.write(dir.resolve("since.zip"), true);
        String newer = sample.signer.sign(
                new dev.tandem.ledger.Checkpoint(SampleBag.ORIGIN, sample.size() + 49, new byte[32]).text());
        for (Path b : List.of(bag, sample.write(dir.resolve("plain.zip"), false))) {
            BagCheck.Failed f = failed(
                    BagVerifier.verify(b, new BagVerifier.Options(sample.signer.verifierKey(), newer, List.of(), 0)));
            assertThat(f.problem()).isEqualTo(Problem.OLDER_THAN_SINCE);
            assertThat(f.message())
                    .isEqualTo("bag older than your checkpoint: data/ledger/checkpoint: its size " + sample.size()
                            + " is below the size " + (sample.size() + 49) + " of the checkpoint you verified before"
                            + " (--since): the log was rolled back, or this is an old bag");
        }
    }

    @Test
    void aForkAtTheBagsOwnSizeNamesTheCheckpointNotAnAbsentProof() throws Exception {
        Path bag = sample.write(dir.resolve("bag.zip"), false);
        String forked = sample.signer.sign(
                new dev.tandem.ledger.Checkpoint(SampleBag.ORIGIN, sample.size(), new byte[32]).text());
        BagCheck.Failed f = failed(
                BagVerifier.verify(bag, new BagVerifier.Options(sample.signer.verifierKey(), forked, List.of(), 0)),
                Problem.INCONSISTENT,
                "data/" + ExportBag.CHECKPOINT);
        assertThat(f.reason()).contains("a forked log");
    }

    @Test
    void theTimelineFileHoldsThePublicTimelineEntriesAndNotTheCommitments() throws Exception {
        String timeline = new String(files().get("data/" + ExportBag.ANALYSIS_TIMELINE), StandardCharsets.UTF_8);
        assertThat(timeline.lines().toList()).hasSize(1);
        var line = SampleBag.JSON.readTree(timeline.lines().toList().getFirst());
        assertThat(line.path("index").asLong()).isEqualTo(sample.timelineEntry);
        assertThat(line.path("kind").asString()).isEqualTo("login");
        assertThat(line.path("ip").asString()).isEqualTo("203.0.113.7");
        assertThat(line.path("evidence").get(0).path("id").asString())
                .isEqualTo(sample.evidence.getFirst().id());
        assertThat(timeline).doesNotContain("commitment");
    }

    @Test
    void aTimelineLineChangedWithItsManifestsRecomputedIsNamed() throws Exception {
        Map<String, byte[]> files = files();
        String path = "data/" + ExportBag.ANALYSIS_TIMELINE;
        String timeline = new String(files.get(path), StandardCharsets.UTF_8);
        files.put(path, timeline.replace("203.0.113.7", "198.51.100.9").getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f = failed(verify(SampleBag.rebag(files, dir.resolve("t.zip"))), Problem.CHANGED_BYTE, path);
        assertThat(f.reason()).contains("line 1 is not what its ledger entry #" + sample.timelineEntry + " records");
    }

    @Test
    void aTimelineLineLeftOutOrAddedIsNamed() throws Exception {
        Map<String, byte[]> files = files();
        String path = "data/" + ExportBag.ANALYSIS_TIMELINE;
        byte[] honest = files.get(path);
        files.put(path, new byte[0]);
        BagCheck.Failed left = failed(verify(SampleBag.rebag(files, dir.resolve("l.zip"))), Problem.CHANGED_BYTE, path);
        assertThat(left.reason()).contains("#" + sample.timelineEntry + ", left out");
        String twice = new String(honest, StandardCharsets.UTF_8).repeat(2);
        files.put(path, twice.getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed added =
                failed(verify(SampleBag.rebag(files, dir.resolve("a.zip"))), Problem.CHANGED_BYTE, path);
        assertThat(added.reason()).contains("line 2 is one more than the 1 timeline entries");
        files.remove(path);
        failed(verify(SampleBag.rebag(files, dir.resolve("m.zip"))), Problem.MISSING_FILE, path);
    }

    @Test
    void aFormat2BagHoldsNoTimelineFile() throws Exception {
        SampleBag old = new SampleBag(SampleBag.Build.FORMAT_2);
        Map<String, byte[]> files = SampleBag.read(old.write(dir.resolve("old.zip"), false));
        String path = "data/" + ExportBag.ANALYSIS_TIMELINE;
        files.put(path, new byte[0]);
        BagCheck check = BagVerifier.verify(
                SampleBag.rebag(files, dir.resolve("t.zip")),
                new BagVerifier.Options(old.signer.verifierKey(), null, List.of(), 0));
        failed(check, Problem.EXTRA_FILE, path);
    }

    @Test
    void aTimelineEntryOfAnItemPulledBackIsLeftOut() throws Exception {
        SampleBag pulled =
                new SampleBag(true, new SampleBag().evidence.getFirst().id());
        Path zip = pulled.write(dir.resolve("p.zip"), false);
        assertThat(SampleBag.read(zip).get("data/" + ExportBag.ANALYSIS_TIMELINE))
                .isEmpty();
        BagCheck check =
                BagVerifier.verify(zip, new BagVerifier.Options(pulled.signer.verifierKey(), null, List.of(), 0));
        assertThat(check.ok()).as(check.toString()).isTrue();
        assertThat(((BagCheck.Verified) check).summary().timeline()).isZero();
    }

    /** The bag's files with {@code name} added as a tag file, listed in both tag manifests as RFC 8493 §2.2.1 says. */
    private static void addTagFile(Map<String, byte[]> files, String name, byte[] content) throws Exception {
        files.put(name, content);
        for (String a : List.of("sha256", "sha512")) {
            String manifest = "tagmanifest-" + a + ".txt";
            String hex = java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance(a.equals("sha256") ? "SHA-256" : "SHA-512")
                            .digest(content));
            files.put(
                    manifest,
                    (new String(files.get(manifest), StandardCharsets.UTF_8) + hex + "  " + name + "\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static BagCheck.Summary verified(BagCheck check) {
        assertThat(check.ok()).as(check.toString()).isTrue();
        return ((BagCheck.Verified) check).summary();
    }

    @Test
    void theSummaryNamesTheSignedExportTimeAndWhatNoSignatureCovers() throws Exception {
        BagCheck.Summary s = verified(verify(sample.write(dir.resolve("bag.zip"), false)));
        // the export entry's time and actor, signed with it (ADR 142)
        assertThat(s.lastEntry()).isEqualTo(sample.exportIndex);
        assertThat(java.time.Instant.parse(s.lastAt())).isEqualTo(sample.at.plusSeconds(sample.exportIndex));
        assertThat(s.lastBy()).isEqualTo("alice");
        assertThat(s.bagKey()).isEqualTo(sample.signer.verifierKey());
        // the incident and checkpoint fields are checked against signed data; the rest, and the bag's key, are not
        assertThat(s.notSigned())
                .containsExactly(
                        new BagCheck.NotSigned(
                                "bag-info.txt", ExportBag.FORMAT, String.valueOf(ExportBag.FORMAT_VERSION)),
                        new BagCheck.NotSigned("bag-info.txt", ExportBag.BAGGING_DATE, "2026-11-27"),
                        new BagCheck.NotSigned("bag-info.txt", "Payload-Oxum", infoValue(files(), "Payload-Oxum")),
                        new BagCheck.NotSigned("data/" + ExportBag.KEY, "", ""));
        assertThat(s.notSigned())
                .extracting(BagCheck.NotSigned::label)
                .doesNotContainAnyElementsOf(BagVerifier.BOUND_INFO);
    }

    @Test
    void anEditedBaggingDateStillVerifiesAndIsListedAsNotSigned() throws Exception {
        Map<String, byte[]> files = files();
        replaceInBagInfo(files, "Bagging-Date: 2026-11-27\n", "Bagging-Date: 2025-06-30\n");
        // the tag manifests recomputed, as anyone holding the bag can
        BagCheck check = verify(SampleBag.rebag(files, dir.resolve("dated.zip")));
        BagCheck.Summary s = verified(check);
        assertThat(s.notSigned())
                .contains(new BagCheck.NotSigned("bag-info.txt", ExportBag.BAGGING_DATE, "2025-06-30"));
        // the signed export time is the export entry's, whatever bag-info.txt says
        assertThat(s.lastAt()).startsWith("2026-11-27T");
        assertThat(check.warnings()).isEmpty();
    }

    @Test
    void anAddedTagFileAndFieldStillVerifyAndAreListedAsNotSigned() throws Exception {
        Map<String, byte[]> files = files();
        replaceInBagInfo(files, "Bagging-Date:", "Source-Organization: Example Corp\nBagging-Date:");
        files = SampleBag.read(SampleBag.rebag(files, dir.resolve("org.zip")));
        addTagFile(
                files,
                "attestation.txt",
                "Signed and attested by the CISO, 2026-11-27\n".getBytes(StandardCharsets.UTF_8));
        addTagFile(files, "notes/review.txt", "reviewed\n".getBytes(StandardCharsets.UTF_8));
        BagCheck.Summary s = verified(verify(SampleBag.zip(files, dir.resolve("tagged.zip"))));
        assertThat(s.notSigned())
                .contains(
                        new BagCheck.NotSigned("bag-info.txt", "Source-Organization", "Example Corp"),
                        new BagCheck.NotSigned("attestation.txt", "", ""),
                        new BagCheck.NotSigned("notes/review.txt", "", ""));
        assertThat(s.notSigned())
                .filteredOn(BagCheck.NotSigned::wholeFile)
                .extracting(BagCheck.NotSigned::file)
                .containsExactlyInAnyOrder("attestation.txt", "notes/review.txt", "data/" + ExportBag.KEY);
        // the tag file still has to be in every tag manifest, as before
        Map<String, byte[]> unlisted = files();
        unlisted.put("attestation.txt", "x".getBytes(StandardCharsets.UTF_8));
        failed(verify(SampleBag.zip(unlisted, dir.resolve("unlisted.zip"))), Problem.EXTRA_FILE, "attestation.txt");
    }

    @Test
    void aSignedPartEditedBesideAnUnsignedOneStillFails() throws Exception {
        // a changed evidence file, manifests and Bagging-Date rewritten: the ledger entry still tells
        Map<String, byte[]> files = files();
        replaceInBagInfo(files, "Bagging-Date: 2026-11-27\n", "Bagging-Date: 2025-06-30\n");
        ExportBag.Evidence e = sample.evidence.get(2);
        String path = "data/" + ExportBag.evidencePath(e.sha256());
        files.put(path, "a substituted document".getBytes(StandardCharsets.UTF_8));
        failed(verify(SampleBag.rebag(files, dir.resolve("payload.zip"))), Problem.EVIDENCE_MISMATCH, path);
        // a checkpoint field of bag-info.txt is checked against the signed checkpoint
        Map<String, byte[]> size = files();
        replaceInBagInfo(
                size, ExportBag.SIZE + ": " + sample.size() + "\n", ExportBag.SIZE + ": " + (sample.size() + 1) + "\n");
        failed(verify(SampleBag.rebag(size, dir.resolve("size.zip"))), Problem.MALFORMED, "bag-info.txt");
    }

    @Test
    void aBoundBagInfoFieldGivenTwiceIsMalformed() throws Exception {
        // a reader of bag-info.txt sees the first line; only the last would have been checked
        Map<String, byte[]> files = files();
        String info = new String(files.get("bag-info.txt"), StandardCharsets.UTF_8);
        files.put("bag-info.txt", (ExportBag.INCIDENT + ": INC-9\n" + info).getBytes(StandardCharsets.UTF_8));
        BagCheck.Failed f = failed(verify(SampleBag.zip(recomputeTags(files), dir.resolve("twice.zip"))));
        assertThat(f.message())
                .isEqualTo("malformed: bag-info.txt: it gives Tandem-Incident 2 times (INC-9, INC-7); a bag has one");
    }

    @Test
    void witnessCosignaturesCarryTheirSignedTimes() throws Exception {
        Cosigner w1 = Cosigner.generate("witness.example/w1");
        String text = sample.checkpoint.substring(0, sample.checkpoint.indexOf("\n\n") + 1);
        sample.checkpoint = sample.checkpoint + w1.cosign(text, 1_795_000_000L);
        Path bag = sample.write(dir.resolve("cosigned.zip"), false);
        BagCheck.Summary s = verified(BagVerifier.verify(
                bag, new BagVerifier.Options(sample.signer.verifierKey(), null, List.of(w1.verifierKey()), 1)));
        assertThat(s.cosigned()).singleElement().satisfies(c -> {
            assertThat(c.witness()).startsWith("witness.example/w1+");
            assertThat(c.timestamp()).isEqualTo(1_795_000_000L);
        });
    }

    @Test
    void anOlderBuildsBagSignsNoExportTimeButItsLastEntrysTime() throws Exception {
        SampleBag old = new SampleBag(false);
        BagCheck.Summary s = verified(verifyOld(old, old.write(dir.resolve("old.zip"), false)));
        assertThat(s.listed()).isFalse();
        assertThat(s.lastEntry()).isEqualTo(old.entries.getLast().index());
        assertThat(java.time.Instant.parse(s.lastAt())).isEqualTo(old.at.plusSeconds(s.lastEntry()));
    }

    /** The value of a bag-info.txt field as the bag's file gives it. */
    private static String infoValue(Map<String, byte[]> files, String label) {
        return new String(files.get("bag-info.txt"), StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith(label + ": "))
                .map(l -> l.substring(label.length() + 2))
                .findFirst()
                .orElseThrow();
    }

    /** The bag's files with both tag manifests recomputed over its tag files as they are now. */
    private static Map<String, byte[]> recomputeTags(Map<String, byte[]> files) throws Exception {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>(files);
        out.put("tagmanifest-sha256.txt", new byte[0]);
        out.put("tagmanifest-sha512.txt", new byte[0]);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (!f.getKey().startsWith("data/") && !f.getKey().startsWith("tagmanifest-")) {
                out.remove(f.getKey());
                addTagFile(out, f.getKey(), f.getValue());
            }
        }
        return out;
    }
}
