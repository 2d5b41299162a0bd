package dev.tandem.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import dev.tandem.export.BagWriter;
import dev.tandem.export.ExportBag;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

/** {@code tandem verify}: exit codes and the failure named (docs/contracts.md §4). */
class VerifyCommandTest {
    @TempDir
    Path dir;

    final NoteSigner signer = NoteSigner.generate("tandem/cli-test");

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TandemCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** What the bag's {@code data/analysis/timeline.jsonl} holds: empty, as the log has no timeline entry. */
    byte[] timelineFile = new byte[0];

    /** bag-info.txt fields a test adds after the checkpoint's (none signed), as the bag's writer writes them. */
    final Map<String, String> moreInfo = new LinkedHashMap<>();

    /**
     * A log of incident I-1: the entry that opened it, one AUDIT item's addition and the export entry
     * that lists them; the bag holds the files every bag holds (docs/contracts.md §5), the reports and
     * OSCAL as stand-ins.
     */
    Path bag(boolean tamper) throws Exception {
        return bag(tamper, signer, null);
    }

    /**
     * The same bag, its checkpoint signed by {@code by} (whose key the bag carries) and cosigned by
     * {@code witness} when one is given.
     */
    Path bag(boolean tamper, NoteSigner by, dev.tandem.ledger.@Nullable Cosigner witness) throws Exception {
        return bag(tamper, by, witness, true);
    }

    /**
     * @param listed true: the bag ends with its own export entry (#2, drawn at size 2), as the server
     *     writes it; false: as an older build wrote it, without one
     */
    Path bag(boolean tamper, NoteSigner by, dev.tandem.ledger.@Nullable Cosigner witness, boolean listed)
            throws Exception {
        byte[] content = "hello auditor\n".getBytes(StandardCharsets.UTF_8);
        String sha = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        var body = JsonMapper.builder()
                .build()
                .createObjectNode()
                .put("evidence", "e1")
                .put("repository", "AUDIT")
                .put("kind", "DOCUMENT")
                .put("name", "hello.txt")
                .put("sha256", sha)
                .put("size", content.length);
        var opening =
                JsonMapper.builder().build().createObjectNode().put("id", "I-1").put("title", "t");
        byte[] opened =
                new LedgerEntry("incident.opened", "I-1", "ada", Instant.parse("2026-12-05T07:00:00Z"), opening).leaf();
        byte[] leaf =
                new LedgerEntry("evidence.added", "I-1", "ada", Instant.parse("2026-12-05T08:00:00Z"), body).leaf();
        byte[] html = "<html></html>".getBytes(StandardCharsets.UTF_8);
        byte[] pdf = "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
        byte[] oscal = "{}".getBytes(StandardCharsets.UTF_8);
        List<byte[]> leaves = new java.util.ArrayList<>(List.of(opened, leaf));
        if (listed) {
            // the bag's own export entry, drawn at size 2: it lists entries 0 and 1 and binds the reports
            var exported = JsonMapper.builder().build().createObjectNode().put("treeSize", 2);
            exported.putArray("evidence").add("e1");
            exported.putNull("since");
            exported.putObject("entries").put("count", 2).put("sha256", ExportBag.entriesSha256(List.of(0L, 1L)));
            exported.putObject("files")
                    .put("data/" + ExportBag.REPORT_HTML, ExportBag.sha256(html))
                    .put("data/" + ExportBag.REPORT_PDF, ExportBag.sha256(pdf))
                    .put("data/" + ExportBag.OSCAL, ExportBag.sha256(oscal));
            leaves.add(
                    new LedgerEntry("incident.exported", "I-1", "ada", Instant.parse("2026-12-05T09:00:00Z"), exported)
                            .leaf());
        }
        CompactRange range = CompactRange.empty();
        dev.tandem.ledger.InMemoryNodeStore store = new dev.tandem.ledger.InMemoryNodeStore();
        leaves.forEach(l -> store.putAll(range.append(MerkleLog.leafHash(l))));
        long size = leaves.size();
        Checkpoint cp = new Checkpoint("tandem/cli-test", size, range.rootHash());
        Path zip = dir.resolve((tamper ? "tampered" : "bag") + "-" + listed + "-"
                + by.verifierKey().hashCode() + (witness == null ? "" : "-cosigned") + ".zip");
        String checkpoint = by.sign(cp.text());
        if (witness != null) {
            checkpoint = checkpoint + witness.cosign(cp.text(), 1_795_000_000L);
        }
        try (OutputStream out = Files.newOutputStream(zip)) {
            BagWriter bag = new BagWriter(out, "bag");
            bag.add(ExportBag.evidencePath(sha), tamper ? "hello auditoR\n".getBytes(StandardCharsets.UTF_8) : content);
            bag.add(
                    ExportBag.INDEX,
                    ExportBag.index(
                            List.of(new ExportBag.Evidence("e1", "hello.txt", "DOCUMENT", sha, content.length, 1))));
            bag.add(ExportBag.CHECKPOINT, checkpoint.getBytes(StandardCharsets.UTF_8));
            bag.add(ExportBag.KEY, by.verifierKey().getBytes(StandardCharsets.UTF_8));
            var entries = new java.io.ByteArrayOutputStream();
            var proofs = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < leaves.size(); i++) {
                entries.writeBytes(ExportBag.entryLine(new ExportBag.Entry(i, leaves.get(i))));
                proofs.writeBytes(
                        ExportBag.proofLine(new ExportBag.Proof(i, size, MerkleLog.inclusionProof(i, size, store))));
            }
            bag.add(ExportBag.ENTRIES, entries.toByteArray());
            bag.add(ExportBag.PROOFS, proofs.toByteArray());
            bag.add(ExportBag.REPORT_HTML, html);
            bag.add(ExportBag.REPORT_PDF, pdf);
            bag.add(ExportBag.OSCAL, oscal);
            Map<String, String> info = new LinkedHashMap<>();
            if (listed) { // as the server writes it; an older build's bag declares no format
                info.put(ExportBag.FORMAT, String.valueOf(ExportBag.FORMAT_VERSION));
                // no analysis timeline entry: the file of format 3 is empty (ADR 115), unless a test writes one
                bag.add(ExportBag.ANALYSIS_TIMELINE, timelineFile);
            }
            info.put(ExportBag.INCIDENT, "I-1");
            info.put(ExportBag.ORIGIN, cp.origin());
            info.put(ExportBag.SIZE, String.valueOf(size));
            info.put(ExportBag.ROOT, Base64.getEncoder().encodeToString(cp.rootHash()));
            info.putAll(moreInfo);
            bag.finish(info);
        }
        return zip;
    }

    @Test
    void exitsZeroForAnIntactBagWithThePinnedKey() throws Exception {
        Run r = run("verify", bag(false).toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("VERIFIED: ", "3 entries, each included", "1 items, each matching");
        assertThat(r.out())
                .contains("  format       " + ExportBag.FORMAT_VERSION + " (bag-info.txt's Tandem-Bag-Format); this"
                        + " verifier knows formats up to " + ExportBag.FORMAT_VERSION + "\n");
        // what the signature binds: everything, the reports and OSCAL by the export entry's SHA-256
        assertThat(r.out())
                .contains("  complete     the bag's last entry, #2, is its own export entry: it lists the incident's 2"
                        + " entries below tree size 2")
                .contains("  signed       bound to the signed checkpoint: bag-info.txt's incident and checkpoint, the 3"
                        + " ledger entries, the 1 evidence items' files and their rows in data/evidence/index.json,"
                        + " data/analysis/timeline.jsonl;"
                        + " by their SHA-256 in export entry #2: data/reports/audit-continuity.html,"
                        + " data/reports/audit-continuity.pdf, data/oscal/assessment-results.json")
                .contains("  timeline     0 analysis timeline entries in data/analysis/timeline.jsonl, each the body"
                        + " of its leak.timeline-entry ledger entry")
                .doesNotContain("unsigned")
                .doesNotContain("still verifies");
        assertThat(r.err()).isEmpty();
    }

    /** A bag of another incident than the one asked for fails, however well it verifies (ADR 151). */
    @Test
    void aBagOfAnotherIncidentThanTheOneAskedForFails() throws Exception {
        Path bag = bag(false);
        Run right = run("verify", bag.toString(), "--key", signer.verifierKey(), "--incident", "I-1");
        assertThat(right.exit()).as(right.err()).isZero();
        assertThat(right.out()).contains("VERIFIED: ");
        Run wrong = run("verify", bag.toString(), "--key", signer.verifierKey(), "--incident", "I-2");
        assertThat(wrong.exit()).as(wrong.out()).isEqualTo(1);
        assertThat(wrong.out())
                .isEqualTo("FAILED: wrong incident: bag-info.txt: the bag is of incident I-1 (every entry of it, its"
                        + " incident.opened among them, signed), not I-2, the one you asked for with --incident: a bag"
                        + " of another incident\n");
    }

    @Test
    void aBagWithoutItsOwnExportEntryFailsUnlessAllowed() throws Exception {
        // an older build's bag, or a newer one whose export entry was taken out with its proof: the same bytes
        Run r = run("verify", bag(false, signer, null, false).toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("FAILED: completeness not proven: data/ledger/entries.jsonl: every other check held")
                .contains("--allow-unlisted")
                .doesNotContain("VERIFIED");
    }

    /** An older build's bag (no export entry of its own) verified with the pinned key and --allow-unlisted. */
    Run verifyOlderBuildsBag() throws Exception {
        return run(
                "verify",
                bag(false, signer, null, false).toString(),
                "--key",
                signer.verifierKey(),
                "--allow-unlisted");
    }

    @Test
    void anOlderBuildsBagVerifiesWithTheWarningAndSaysWhatIsUnsigned() throws Exception {
        Run r = verifyOlderBuildsBag();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("VERIFIED: ", "2 entries, each included", "1 items, each matching");
        assertThat(r.out())
                .contains("  format       1 (bag-info.txt declares none: a bag exported before bags declared their"
                        + " format)\n");
        assertThat(r.out())
                .doesNotContain("  complete ")
                .contains("  signed       bound to the signed checkpoint: bag-info.txt's incident and checkpoint, the 2"
                        + " ledger entries, the 1 evidence items' files")
                .contains("  unsigned     covered only by the bag's own manifests, which anyone holding the bag can"
                        + " recompute: data/reports/audit-continuity.html, data/reports/audit-continuity.pdf,"
                        + " data/oscal/assessment-results.json")
                .contains("an edited report or OSCAL document with its manifests recomputed still verifies");
        assertThat(r.err()).startsWith("warning: completeness is not proven");
    }

    @Test
    void aBagOfANewerFormatSaysSoInsteadOfListingFiles() throws Exception {
        Path bag = bag(false);
        Path newer = dir.resolve("newer.zip");
        int format = ExportBag.FORMAT_VERSION + 1;
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(bag));
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(newer))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals("bag/bag-info.txt")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replace(
                                    ExportBag.FORMAT + ": " + ExportBag.FORMAT_VERSION,
                                    ExportBag.FORMAT + ": " + format)
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
            // a file of the newer format, which this verifier's rules do not know
            out.putNextEntry(new java.util.zip.ZipEntry("bag/data/ledger/anchors.json"));
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Run r = run("verify", newer.toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out())
                .startsWith("FAILED: newer bag format: bag-info.txt: made by a newer Tandem, format " + format
                        + "; this verifier knows formats up to " + ExportBag.FORMAT_VERSION
                        + ": get the newer tandem verify")
                .doesNotContain("extra file")
                .doesNotContain("VERIFIED");
    }

    @Test
    void aSinceFileThatIsNoSignedCheckpointIsAUsageError() throws Exception {
        Path garbage = Files.writeString(dir.resolve("old-checkpoint.txt"), "not a checkpoint\n");
        Run r = run("verify", bag(false).toString(), "--key", signer.verifierKey(), "--since", garbage.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("tandem verify: --since " + garbage + ": it is no signed checkpoint");
        Path unsigned = Files.writeString(dir.resolve("unsigned.txt"), "tandem/cli-test\nx\nroot\n\n\u2014 k AAAA\n");
        Run bad = run("verify", bag(false).toString(), "--key", signer.verifierKey(), "--since", unsigned.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("its checkpoint is malformed");
    }

    @Test
    void failsWithoutAPinnedKey() throws Exception {
        Run r = run("verify", bag(false).toString());
        // a script that reads only the exit code must not take an unpinned bag for a verified one
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("warning: ", "--key");
        // the verdict itself says so, on standard output, where a reader of the result looks
        assertThat(r.out())
                .contains("FAILED: signer not pinned (no --key): data/ledger/checkpoint: every other check held")
                .contains("never the bag's own")
                .doesNotContain("VERIFIED");
    }

    @Test
    void aBagSignedAgainByAForgerFailsWithTheServersKeyAndWithoutAnyKey() throws Exception {
        // the forger re-signs the checkpoint and puts their own key in the bag (an auditor's review)
        NoteSigner forger = NoteSigner.generate("tandem/cli-test");
        Path forged = bag(false, forger, null);
        Run pinned = run("verify", forged.toString(), "--key", signer.verifierKey());
        assertThat(pinned.exit()).isEqualTo(1);
        assertThat(pinned.out()).startsWith("FAILED: bad signature: data/ledger/checkpoint");
        Run unpinned = run("verify", forged.toString());
        assertThat(unpinned.exit()).isEqualTo(1);
        assertThat(unpinned.out()).contains("FAILED: signer not pinned");
    }

    @Test
    void aTrustedWitnessesCosignatureStandsInForTheKey() throws Exception {
        dev.tandem.ledger.Cosigner witness = dev.tandem.ledger.Cosigner.generate("witness.example/w1");
        Path cosigned = bag(false, signer, witness);
        Run r = run("verify", cosigned.toString(), "--witness-key", witness.verifierKey());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("VERIFIED by 1 witness cosignature(s), no --key: ");
        // a witness the verifier does not name counts for nothing
        Run untrusted = run("verify", cosigned.toString());
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.out()).contains("FAILED: signer not pinned");
    }

    @Test
    void exitsOneNamingEvidenceThatDiffersFromItsLedgerEntry() throws Exception {
        // the manifests were written over the substituted bytes: only the ledger entry can tell
        Run r = run("verify", bag(true).toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAILED: evidence does not match its ledger entry: data/evidence/");
    }

    @Test
    void exitsOneNamingATimelineLineNoLedgerEntryRecords() throws Exception {
        // a line written by hand into a bag whose entries record no timeline entry (ADR 115), the
        // manifests written with it
        timelineFile = ("{\"index\":1,\"kind\":\"login\",\"subject\":\"ada\",\"ip\":\"203.0.113.7\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        Run r = run("verify", bag(false).toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .startsWith("FAILED: changed byte: data/analysis/timeline.jsonl: line 1 is one more than the 0"
                        + " timeline entries");
    }

    @Test
    void exitsOneWhenTheWitnessQuorumIsNotMet() throws Exception {
        String witness =
                dev.tandem.ledger.Cosigner.generate("witness.example/w1").verifierKey();
        Run r = run("verify", bag(false).toString(), "--key", signer.verifierKey(), "--witness-key", witness);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAILED: witness quorum not met: ");
    }

    @Test
    void exitsTwoForAMissingPathOrABadKey() throws Exception {
        assertThat(run("verify", dir.resolve("nope.zip").toString()).exit()).isEqualTo(2);
        assertThat(run("verify", bag(false).toString(), "--key", "not-a-key").exit())
                .isEqualTo(2);
        assertThat(run("verify", bag(false).toString(), "--quorum", "1").exit()).isEqualTo(2);
    }

    /** The intact bag's zip entries, then {@code extra} as named (a name may repeat one of the bag's). */
    Path tamperedZip(String name, String extraName, boolean rename) throws Exception {
        Path zip = dir.resolve(name);
        try (var in = new java.util.zip.ZipFile(bag(false).toFile());
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                try (var content = in.getInputStream(e)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
            // ZipOutputStream refuses a name twice: write one of the same length, renamed in the bytes below
            out.putNextEntry(new java.util.zip.ZipEntry(rename ? extraName.replace("key", "kez") : extraName));
            out.write("planted\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        if (rename) {
            String bytes = new String(Files.readAllBytes(zip), StandardCharsets.ISO_8859_1);
            Files.write(
                    zip,
                    bytes.replace(extraName.replace("key", "kez"), extraName).getBytes(StandardCharsets.ISO_8859_1));
        }
        return zip;
    }

    @Test
    void exitsOneNamingAZipEntryOutsideTheBagADuplicateOrAnUnsafePath() throws Exception {
        Run readme =
                run("verify", tamperedZip("readme.zip", "README.txt", false).toString(), "--key", signer.verifierKey());
        assertThat(readme.exit()).as(readme.err()).isEqualTo(1);
        assertThat(readme.out())
                .startsWith(
                        "FAILED: extra file: README.txt: the zip holds it outside the bag's base" + " directory bag/");
        Run twice = run(
                "verify",
                tamperedZip("twice.zip", "bag/data/ledger/key", true).toString(),
                "--key",
                signer.verifierKey());
        assertThat(twice.exit()).as(twice.err()).isEqualTo(1);
        assertThat(twice.out()).startsWith("FAILED: malformed: bag/data/ledger/key: the zip holds this entry twice");
        Run evil =
                run("verify", tamperedZip("evil.zip", "../evil.txt", false).toString(), "--key", signer.verifierKey());
        assertThat(evil.exit()).as(evil.err()).isEqualTo(1);
        assertThat(evil.out()).startsWith("FAILED: malformed: ../evil.txt: the zip holds an unsafe path");
    }

    /** A bag cut short in transfer or by hand is a failed check (exit 1), not an unreadable argument. */
    @Test
    void aTruncatedZipFailsWithExitOne() throws Exception {
        byte[] whole = Files.readAllBytes(bag(false));
        for (int cut : new int[] {whole.length / 2, whole.length - 10}) {
            Path shorter = Files.write(dir.resolve("cut-" + cut + ".zip"), java.util.Arrays.copyOf(whole, cut));
            Run r = run("verify", shorter.toString(), "--key", signer.verifierKey());
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.out())
                    .startsWith("FAILED: truncated zip: " + shorter + ": it begins as a zip but cannot be read as one")
                    .contains("download it again");
        }
    }

    @Test
    void exitsTwoForAFileThatIsNoZip() throws Exception {
        Path notZip = Files.writeString(dir.resolve("bag.zip"), "not a zip\n");
        Run r = run("verify", notZip.toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("tandem verify: cannot read the bag " + notZip);
    }

    /** The intact bag with {@code name} added as a tag file, listed in both tag manifests (RFC 8493 §2.2.1). */
    Path withTagFile(Path bag, String name, byte[] content) throws Exception {
        Path zip = dir.resolve("tagged-" + bag.getFileName());
        try (var in = new java.util.zip.ZipFile(bag.toFile());
                var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (var e : java.util.Collections.list(in.entries())) {
                byte[] bytes;
                try (var c = in.getInputStream(e)) {
                    bytes = c.readAllBytes();
                }
                for (String a : List.of("SHA-256", "SHA-512")) {
                    if (e.getName()
                            .equals("bag/tagmanifest-" + a.replace("-", "").toLowerCase() + ".txt")) {
                        String hex = java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance(a)
                                        .digest(content));
                        bytes = (new String(bytes, StandardCharsets.UTF_8) + hex + "  " + name + "\n")
                                .getBytes(StandardCharsets.UTF_8);
                    }
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
            out.putNextEntry(new java.util.zip.ZipEntry("bag/" + name));
            out.write(content);
            out.closeEntry();
        }
        return zip;
    }

    @Test
    void theSummarySaysWhichExportTimeIsSignedAndListsWhatIsNot() throws Exception {
        moreInfo.put(ExportBag.BAGGING_DATE, "2026-12-05");
        moreInfo.put("Bag-Software-Agent", "Tandem");
        Run r = run("verify", bag(false).toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("  exported     2026-12-05T09:00:00.000Z by ada: the server's time in export entry #2, signed"
                        + " with it; cite this as the bag's date, not bag-info.txt's Bagging-Date\n")
                .contains("  key          data/ledger/key is the key you pinned with --key, which the signature was"
                        + " checked with\n")
                .contains("  not signed: bag-info.txt Tandem-Bag-Format: " + ExportBag.FORMAT_VERSION
                        + " (checked against the files the bag holds)\n")
                .contains("  not signed: bag-info.txt Bagging-Date: 2026-12-05 (cite the signed export time above"
                        + " instead)\n")
                .contains("  not signed: bag-info.txt Bag-Software-Agent: Tandem\n")
                .contains("  not signed: bag-info.txt Payload-Oxum: ")
                .contains("  not signed: data/ledger/key (trust only the key you pin with --key; see key above)\n")
                .contains("no signature covers these: anyone holding the bag can change them")
                .doesNotContain("not signed: bag-info.txt Tandem-Incident")
                .doesNotContain("not signed: bag-info.txt Tandem-Checkpoint")
                .doesNotContain("not signed: tag file");
        // the verdict and its exit code are as before
        assertThat(r.out()).endsWith("VERIFIED: " + bag(false) + "\n");
    }

    @Test
    void anEditedBaggingDateStillVerifiesAndIsListed() throws Exception {
        // bag-info.txt edited and the tag manifests recomputed, as anyone holding the bag can
        moreInfo.put(ExportBag.BAGGING_DATE, "2025-06-30");
        Run r = run("verify", bag(false).toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("  not signed: bag-info.txt Bagging-Date: 2025-06-30 (not the date of the signed export"
                        + " time above, 2026-12-05T09:00:00.000Z)\n")
                .contains("VERIFIED: ");
    }

    @Test
    void anAddedTagFileStillVerifiesAndIsListed() throws Exception {
        Path tagged =
                withTagFile(bag(false), "attestation.txt", "Attested by the CISO\n".getBytes(StandardCharsets.UTF_8));
        Run r = run("verify", tagged.toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("  not signed: tag file attestation.txt\n").contains("VERIFIED: ");
    }

    @Test
    void aChangedPayloadStillFailsWhateverIsNotSigned() throws Exception {
        moreInfo.put(ExportBag.BAGGING_DATE, "2025-06-30");
        Path tampered = withTagFile(bag(true), "attestation.txt", "all fine\n".getBytes(StandardCharsets.UTF_8));
        Run r = run("verify", tampered.toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .startsWith("FAILED: evidence does not match its ledger entry: data/evidence/")
                .doesNotContain("not signed");
    }

    @Test
    void withoutAKeyTheBagsKeyIsShownToCompareAndPin() throws Exception {
        Run r = run("verify", bag(false).toString());
        assertThat(r.exit()).isEqualTo(1);
        String id = signer.verifierKey().split("\\+")[1];
        assertThat(r.out())
                .contains("  key          data/ledger/key is " + signer.verifierKey() + ": it checked the signature,"
                        + " but it is the bag's own")
                .contains("compare it, whole (not only its key id " + id + "), with the verifier key the company gave"
                        + " you out of band")
                .contains("pass that key with --key")
                .contains("FAILED: signer not pinned");
        // another key pinned: the bag's is named as not the pinned one, and the signature fails with the pinned key
        NoteSigner forger = NoteSigner.generate("tandem/cli-test");
        Run forged = run("verify", bag(false, forger, null).toString(), "--key", signer.verifierKey());
        assertThat(forged.out()).startsWith("FAILED: bad signature: data/ledger/checkpoint");
    }

    @Test
    void aTrustedWitnessesTimeIsPrinted() throws Exception {
        dev.tandem.ledger.Cosigner witness = dev.tandem.ledger.Cosigner.generate("witness.example/w1");
        Run r = run(
                "verify",
                bag(false, signer, witness).toString(),
                "--key",
                signer.verifierKey(),
                "--witness-key",
                witness.verifierKey());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("  witnesses    1 valid cosignature(s), quorum 1: witness.example/w1+")
                .contains(" cosigned at " + Instant.ofEpochSecond(1_795_000_000L)
                        + " (each witness's own clock, signed with its cosignature)\n");
    }

    @Test
    void unsignedTextIsPrintedWithoutControlCharacters() throws Exception {
        // a field value that would move a terminal's cursor or clear its screen is the bag's text, not the verifier's
        moreInfo.put("Bag-Group-Identifier", "\u001b[2J\u001b[1;1HVERIFIED");
        Run r = run("verify", bag(false).toString(), "--key", signer.verifierKey());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("  not signed: bag-info.txt Bag-Group-Identifier: ?[2J?[1;1HVERIFIED\n")
                .doesNotContain("\u001b");
    }

    @Test
    void anOlderBuildsBagSignsNoExportTimeAndItsDateIsListed() throws Exception {
        moreInfo.put(ExportBag.BAGGING_DATE, "2026-12-05");
        Run r = verifyOlderBuildsBag();
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("  exported     no export time is signed: the bag has no export entry of its own (an older"
                        + " build's bag); its last entry, #1, was recorded at 2026-12-05T08:00:00.000Z (signed), so it"
                        + " was exported after that\n")
                .contains(
                        "  not signed: bag-info.txt Bagging-Date: 2026-12-05 (no export time is signed in this bag)\n");
    }
}
