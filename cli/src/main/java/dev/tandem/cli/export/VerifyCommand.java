package dev.tandem.cli.export;

import dev.tandem.cli.TandemCommand;
import dev.tandem.export.BagCheck;
import dev.tandem.export.BagVerifier;
import dev.tandem.export.ExportBag;
import dev.tandem.ledger.NoteVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tandem verify PATH}: docs/contracts.md §4 and §5; no server needed. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies an export bag offline, without the server.",
            "",
            "Checks BagIt completeness and every manifest line (SHA-256 and SHA-512), the checkpoint's"
                    + " signature, witness cosignatures against a quorum, every ledger entry's inclusion proof,"
                    + " every evidence file's SHA-256 against its ledger entry, and with --since the consistency"
                    + " proof from a checkpoint you kept earlier. The bag's last entry is its own export entry,"
                    + " which lists the incident's entries the bag holds and the SHA-256 of its reports and OSCAL"
                    + " document; a bag made before export entries did so verifies with a warning, its reports and"
                    + " OSCAL document covered by the bag's manifests only.",
            "",
            "The summary says what is signed and what is not: the export time the bag's export entry records"
                    + " (signed with it), the key line (the bag's data/ledger/key is trusted only as the key you"
                    + " pin with --key), and one \"not signed: ...\" line for each bag-info.txt field, tag file"
                    + " and the bag's key that no signature covers, such as Bagging-Date: edited, they still"
                    + " verify.",
            "",
            "Exit codes: 0 verified, 1 a check failed (the first failing file, zip entry or ledger entry is"
                    + " named) or nothing says who signed the bag (no --key and no witness cosignature), 2 usage"
                    + " or unreadable input (a path that is no zip or folder)."
        })
public final class VerifyCommand implements Callable<Integer> {

    /** The verdict's name when nothing pins the bag's signer. */
    static final String UNPINNED = "signer not pinned (no --key)";

    /** The verdict's name when the bag is of another incident than --incident names (ADR 151). */
    static final String WRONG_INCIDENT = "wrong incident";

    /** The verdict's name when the bag does not list its own contents and --allow-unlisted was not given. */
    static final String UNLISTED = "completeness not proven";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "The bag: the zip, or the folder it was unpacked to.")
    Path path = Path.of("");

    @Option(
            names = "--key",
            paramLabel = "VKEY",
            description = "The log's verifier key, received out of band from the server's operator (GET"
                    + " /api/v1/ledger/key), never from the bag. Without it the bag's own key checks the"
                    + " signature, and the verdict is FAILED unless trusted witnesses cosigned the checkpoint:"
                    + " whoever changed the bag could have signed it again with a key of their own.")
    @Nullable
    String key;

    @Option(
            names = "--since",
            paramLabel = "OLD_CHECKPOINT",
            description = "A file holding a signed checkpoint kept from earlier; the bag must prove it is"
                    + " consistent with it (export with ?since=<its size>).")
    @Nullable
    Path since;

    @Option(
            names = "--incident",
            paramLabel = "ID",
            description = "The incident the bag must be of (the id you asked for the export of): a bag of another"
                    + " incident, however well it verifies, FAILS with \"wrong incident\". The bag's incident is"
                    + " bound to its signed entries, each of that incident, its incident.opened among them.")
    @Nullable
    String incident;

    @Option(
            names = "--allow-unlisted",
            description = "Accept a bag that does not end with its own export entry listing its entries and"
                    + " binding its reports (a bag exported by a build before that entry existed): it then"
                    + " verifies with a warning that its completeness is not proven. Without this option such a"
                    + " bag FAILS, since taking the export entry out of a newer bag makes it look like an older one.")
    boolean allowUnlisted;

    @CommandLine.Mixin
    dev.tandem.cli.ledger.WitnessOptions witnesses = new dev.tandem.cli.ledger.WitnessOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The verdict's words for a file that starts as a zip and cannot be read as one. */
    static final String TRUNCATED = "truncated zip";

    /** Whether the file starts with a zip's local file header (the bytes {@code 50 4B 03 04}): a zip, if damaged. */
    private static boolean startsAsZip(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        if (!Files.exists(path)) {
            return usage(err, path + " does not exist");
        }
        if (key != null) {
            try {
                NoteVerifier.parse(key);
            } catch (IllegalArgumentException e) {
                return usage(err, "--key: " + e.getMessage());
            }
        }
        String problem = witnesses.problem();
        if (problem != null) {
            return usage(err, problem);
        }
        List<String> witnessKeys = witnesses.keys();
        int needed = witnesses.quorum();
        String old = null;
        if (since != null) {
            try {
                old = Files.readString(since, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return usage(
                        err,
                        "--since " + since + ": cannot read it (" + dev.tandem.cli.FileProblems.why(since, e)
                                + "); give the file you kept the verified checkpoint in (a bag's data/ledger/checkpoint)");
            }
            // a file that is no signed checkpoint at all is a wrong argument, not a failed bag
            int body = old.indexOf("\n\n");
            String wrong = null;
            if (body < 0 || !old.startsWith("\u2014 ", body + 2)) {
                wrong = "it is no signed checkpoint (the checkpoint's lines, a blank line, then signature lines"
                        + " starting with \u2014): pass the data/ledger/checkpoint of a bag you verified";
            } else {
                try {
                    dev.tandem.ledger.Checkpoint.parse(old.substring(0, body + 1));
                } catch (IllegalArgumentException e) {
                    wrong = "its checkpoint is malformed: " + e.getMessage();
                }
            }
            if (wrong != null) {
                return usage(err, "--since " + since + ": " + wrong);
            }
        }
        BagCheck check;
        try {
            check = BagVerifier.verify(path, new BagVerifier.Options(key, old, witnessKeys, needed));
        } catch (IOException e) {
            if (startsAsZip(path)) {
                // a zip cut short (its central directory gone) is a bag that was altered or not received
                // whole: a failed check, not a wrong argument (docs/export.md, "Verify offline")
                out.println("FAILED: " + TRUNCATED + ": " + path + ": it begins as a zip but cannot be read as"
                        + " one (" + e.getMessage() + "): the bag was cut short or damaged after it was"
                        + " exported; download it again");
                return TandemCommand.EXIT_FOUND;
            }
            return usage(err, "cannot read the bag " + path + ": " + e.getMessage());
        }
        check.warnings().forEach(w -> err.println("warning: " + w));
        switch (check) {
            case BagCheck.Verified v -> {
                BagCheck.Summary s = v.summary();
                if (incident != null && !incident.strip().equals(s.incident())) {
                    out.println("FAILED: " + WRONG_INCIDENT + ": bag-info.txt: the bag is of incident "
                            + printable(s.incident()) + " (every entry of it, its incident.opened among them,"
                            + " signed), not " + printable(incident.strip()) + ", the one you asked for with"
                            + " --incident: a bag of another incident");
                    return TandemCommand.EXIT_FOUND;
                }
                out.println("Bag " + path);
                out.println("  incident     " + s.incident());
                out.println("  format       " + s.format()
                        + (s.format() == 1
                                ? " (bag-info.txt declares none: a bag exported before bags declared their format)"
                                : " (bag-info.txt's " + ExportBag.FORMAT + "); this verifier knows formats up to "
                                        + ExportBag.FORMAT_VERSION));
                out.println("  checkpoint   " + s.origin() + ", size " + s.treeSize() + ", root " + s.root()
                        + ", signature verified" + (s.keyPinned() ? " with the pinned key" : " (key NOT pinned)"));
                out.println("  key          " + keyLine(s));
                out.println("  exported     " + exportedLine(s));
                if (!witnessKeys.isEmpty()) {
                    out.println("  witnesses    " + s.cosignatures() + " valid cosignature(s), quorum " + needed
                            + s.cosigned().stream()
                                    .map(c -> c.witness() + " cosigned at "
                                            + java.time.Instant.ofEpochSecond(c.timestamp()))
                                    .reduce((a, b) -> a + ", " + b)
                                    .map(w -> ": " + w + " (each witness's own clock, signed with its cosignature)")
                                    .orElse(""));
                }
                out.println("  fixity       " + s.files() + " files, " + s.payloadBytes()
                        + " payload bytes: every manifest line holds (SHA-256, SHA-512)");
                out.println("  ledger       " + s.entries() + " entries, each included in the checkpoint's tree");
                if (s.listed()) {
                    out.println("  complete     the bag's last entry, #" + s.exportEntry()
                            + ", is its own export entry:"
                            + " it lists the incident's " + (s.entries() - 1) + " entries below tree size "
                            + s.drawnAt() + ", the size the bag was drawn from, and the bag holds exactly those");
                }
                if (s.drawnProved()) {
                    out.println("  drawn        tree size " + s.drawnAt() + ", root " + s.drawnRoot()
                            + ": the checkpoint the reports print (data/ledger/drawn-checkpoint), signed by the log"
                            + " and proved consistent with the bag's checkpoint of size " + s.treeSize()
                            + " (data/ledger/drawn-consistency.json); the OSCAL document names both");
                }
                out.println("  evidence     " + s.evidence() + " items, each matching its ledger entry");
                if (s.timeline() >= 0) {
                    out.println("  timeline     " + s.timeline() + " analysis timeline entries in data/"
                            + ExportBag.ANALYSIS_TIMELINE + ", each the body of its leak.timeline-entry ledger entry"
                            + " (those read from FORENSIC evidence are commitments and not in the file)");
                }
                out.println(
                        "  signed       bound to the signed checkpoint: bag-info.txt's incident and checkpoint, the "
                                + s.entries() + " ledger entries, the " + s.evidence()
                                + " evidence items' files and their rows in data/evidence/index.json"
                                + (s.timeline() >= 0 ? ", data/" + ExportBag.ANALYSIS_TIMELINE : "")
                                + (s.exportBound().isEmpty()
                                        ? ""
                                        : "; by their SHA-256 in export entry #" + s.exportEntry() + ": "
                                                + String.join(", ", s.exportBound())));
                if (!s.manifestsOnly().isEmpty()) {
                    out.println("  unsigned     covered only by the bag's own manifests, which anyone holding the bag"
                            + " can recompute: " + String.join(", ", s.manifestsOnly()));
                }
                if (s.manifestsOnly().stream()
                        .anyMatch(p -> p.startsWith("data/reports/") || p.startsWith("data/oscal/"))) {
                    out.println("               an edited report or OSCAL document with its manifests recomputed still"
                            + " verifies: to rely on them, regenerate them from the server at this checkpoint and"
                            + " compare");
                }
                for (BagCheck.NotSigned n : s.notSigned()) {
                    out.println("  not signed: " + notSignedLine(n, s));
                }
                out.println("               no signature covers these: anyone holding the bag can change them and"
                        + " recompute its tag manifests, and no check here fails; rely on none of them");
                if (s.consistentFrom() >= 0) {
                    out.println("  consistency  the log at size " + s.treeSize() + " extends your checkpoint of size "
                            + s.consistentFrom());
                }
                if (!s.listed() && !allowUnlisted) {
                    out.println("FAILED: " + UNLISTED + ": data/ledger/entries.jsonl: every other check held, but the"
                            + " bag does not end with its own incident.exported entry listing its entries and binding"
                            + " its reports, so an entry left out with its proof, or an edited report, would not be"
                            + " found; a bag whose export entry was taken out looks the same. Only for a bag exported"
                            + " by a build before export entries listed their bags, pass --allow-unlisted");
                    return TandemCommand.EXIT_FOUND;
                }
                if (s.keyPinned()) {
                    out.println("VERIFIED: " + path);
                    return TandemCommand.EXIT_OK;
                }
                // the bag's own key proves only that whoever made the bag signed it; a trusted witness's
                // cosignature says the real log published this root (C2SP tlog-cosignature)
                if (s.cosignatures() > 0) {
                    out.println("VERIFIED by " + s.cosignatures() + " witness cosignature(s), no --key: " + path);
                    return TandemCommand.EXIT_OK;
                }
                out.println("FAILED: " + UNPINNED + ": data/ledger/checkpoint: every other check held, but"
                        + " anyone who changed this bag could have signed it again with a key of their own; pass"
                        + " the server's verifier key with --key, received from its operator (GET"
                        + " /api/v1/ledger/key), never the bag's own");
                return TandemCommand.EXIT_FOUND;
            }
            case BagCheck.Failed f -> {
                out.println("FAILED: " + f.message());
                return TandemCommand.EXIT_FOUND;
            }
        }
    }

    /** How far the bag's own {@code data/ledger/key} is to be trusted: only as the key pinned out of band. */
    private String keyLine(BagCheck.Summary s) {
        String bagKey = printable(s.bagKey());
        if (key != null && key.strip().equals(s.bagKey())) {
            return "data/ledger/key is the key you pinned with --key, which the signature was checked with";
        }
        if (key != null) {
            return "data/ledger/key (" + bagKey + ") is NOT the key you pinned with --key; the signature was"
                    + " checked with --key, the bag's own key is trusted for nothing";
        }
        return "data/ledger/key is " + bagKey + ": it checked the signature, but it is the bag's own, and whoever"
                + " changed the bag could have put theirs there; compare it, whole (not only its key id "
                + keyId(s.bagKey()) + "), with the verifier key the company gave you out of band (its operator,"
                + " GET /api/v1/ledger/key), and pass that key with --key";
    }

    /** The key id of a verifier key {@code <name>+<hex key id>+<base64>}, or "?" for a key that is not one. */
    private static String keyId(String verifierKey) {
        String[] parts = verifierKey.split("\\+", 3);
        return parts.length == 3 ? parts[1] : "?";
    }

    /** The export time the signature covers: the bag's export entry's, or, for an older build's bag, a bound. */
    private static String exportedLine(BagCheck.Summary s) {
        if (s.listed()) {
            return s.lastAt() + " by " + printable(s.lastBy()) + ": the server's time in export entry #"
                    + s.exportEntry() + ", signed with it; cite this as the bag's date, not bag-info.txt's "
                    + ExportBag.BAGGING_DATE;
        }
        return "no export time is signed: the bag has no export entry of its own (an older build's bag); its"
                + " last entry, #" + s.lastEntry() + ", was recorded at " + s.lastAt() + " (signed), so it was"
                + " exported after that";
    }

    /** One thing no signature covers, with what the auditor may rely on instead. */
    private static String notSignedLine(BagCheck.NotSigned n, BagCheck.Summary s) {
        if (n.file().equals("data/" + ExportBag.KEY)) {
            return n.file() + " (trust only the key you pin with --key; see key above)";
        }
        if (n.wholeFile()) {
            return "tag file " + printable(n.file());
        }
        String field = n.file() + " " + printable(n.label()) + ": " + printable(n.value());
        if (!n.file().equals("bag-info.txt")) {
            return field;
        }
        return field
                + switch (n.label()) {
                    case ExportBag.BAGGING_DATE -> baggingDateNote(n.value(), s);
                    case "Payload-Oxum" -> " (checked against the payload, whose files the manifests cover)";
                    case ExportBag.FORMAT -> " (checked against the files the bag holds)";
                    default -> "";
                };
    }

    /** What to cite instead of bag-info.txt's Bagging-Date: the signed export time, when the bag has one. */
    private static String baggingDateNote(String date, BagCheck.Summary s) {
        if (!s.listed()) {
            return " (no export time is signed in this bag)";
        }
        String signedDate = s.lastAt().length() >= 10 ? s.lastAt().substring(0, 10) : s.lastAt();
        return date.equals(signedDate)
                ? " (cite the signed export time above instead)"
                : " (not the date of the signed export time above, " + s.lastAt() + ")";
    }

    /** Text from the bag as one line of printable characters, at most 80: it is the bag's, not this verifier's. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .forEach(b::appendCodePoint);
        return b.codePointCount(0, b.length()) > 80
                ? b.substring(0, b.offsetByCodePoints(0, 79)) + "\u2026"
                : b.toString();
    }

    private static int usage(PrintWriter err, String message) {
        err.println("tandem verify: " + message);
        return TandemCommand.EXIT_USAGE;
    }
}
