package dev.tandem.export;

import java.util.List;

/** What {@link BagVerifier} found: the bag holds, or the first failure, named. */
public sealed interface BagCheck permits BagCheck.Verified, BagCheck.Failed {

    boolean ok();

    List<String> warnings();

    /** What a failure is, in the words the auditor reads first. */
    enum Problem {
        MISSING_FILE("missing file"),
        EXTRA_FILE("extra file"),
        CHANGED_BYTE("changed byte"),
        /**
         * The payload's size or number of files differs from {@code Payload-Oxum} (RFC 8493 §2.2.2): a
         * payload file added or removed, or its size changed, with the manifests rewritten to match.
         */
        PAYLOAD_COUNT("payload count"),
        BAD_SIGNATURE("bad signature"),
        PROOF_MISMATCH("proof mismatch"),
        EVIDENCE_MISMATCH("evidence does not match its ledger entry"),
        INCONSISTENT("consistency proof mismatch"),
        QUORUM("witness quorum not met"),
        MISSING_ENTRY("missing entry"),
        OLDER_THAN_SINCE("bag older than your checkpoint"),
        MALFORMED("malformed"),
        /** The bag declares a format this verifier does not know: a newer Tandem made it. */
        NEWER_FORMAT("newer bag format");

        private final String words;

        Problem(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    record Verified(Summary summary, List<String> warnings) implements BagCheck {
        @Override
        public boolean ok() {
            return true;
        }
    }

    /**
     * @param where the file (path in the bag) or ledger entry ({@code entry #I}) that failed
     */
    record Failed(Problem problem, String where, String reason, List<String> warnings) implements BagCheck {
        @Override
        public boolean ok() {
            return false;
        }

        public String message() {
            return problem.words() + ": " + where + ": " + reason;
        }
    }

    /**
     * What a verified bag holds. {@code manifestsOnly}: the files the checkpoint's signature does not
     * reach (the reports, the OSCAL document): only the bag's own manifests cover them, and anyone
     * holding the bag can recompute those. {@code exportEntry}: the index of the bag's own {@code
     * incident.exported} entry that lists its entries below {@code drawnAt} and binds {@code
     * exportBound} by SHA-256, or -1 (and {@code drawnAt} -1) for a bag without one (an older build's).
     * {@code drawnRoot}: the root of the checkpoint at {@code drawnAt} the bag holds and proves
     * consistent with its own, "" when it holds none (a bag exported before bags held it). {@code
     * format}: the format bag-info.txt declares ({@link ExportBag#FORMAT}), 1 for a bag that declares none.
     * {@code timeline}: the lines of {@code data/analysis/timeline.jsonl}, each matching its ledger
     * entry, or -1 for a bag of a format before it (ADR 115).
     *
     * <p>What the signatures say and what they do not (ADR 142): {@code lastEntry} is the bag's last
     * ledger entry (its export entry when {@link #listed}), {@code lastAt} the server time it records
     * (RFC 3339, as in the leaf) and {@code lastBy} its actor, both signed with it: a listed bag's
     * export time. {@code cosigned}: the valid cosignatures of the witnesses named (by {@code
     * --witness-key}), each with the time the witness signed with it (C2SP tlog-cosignature). {@code
     * bagKey}: the bag's {@code data/ledger/key} as it is written, trusted only as far as it is the key
     * pinned out of band. {@code notSigned}: the metadata no signature covers, in the bag's order:
     * each bag-info.txt field but the incident and checkpoint ones (which are checked against the
     * signed entries and checkpoint), each bagit.txt field but BagIt's two, each tag file beside
     * bagit.txt, bag-info.txt and the manifests of the algorithms checked, and {@code data/ledger/key}.
     */
    record Summary(
            String incident,
            String origin,
            long treeSize,
            String root,
            boolean keyPinned,
            int files,
            long payloadBytes,
            int entries,
            int evidence,
            int cosignatures,
            long consistentFrom,
            List<String> manifestsOnly,
            long exportEntry,
            long drawnAt,
            List<String> exportBound,
            String drawnRoot,
            int format,
            int timeline,
            long lastEntry,
            String lastAt,
            String lastBy,
            List<Cosigned> cosigned,
            String bagKey,
            List<NotSigned> notSigned) {
        /**
         * Whether the bag holds the checkpoint it is drawn from ({@code drawnRoot}, the one its reports
         * print), signed by the log and proved consistent with its own.
         */
        public boolean drawnProved() {
            return !drawnRoot.isEmpty();
        }

        /** Whether the bag's own export entry lists its entries (and so proves none was left out). */
        public boolean listed() {
            return exportEntry >= 0;
        }
    }

    /**
     * A valid cosignature of the bag's checkpoint by a witness the verifier was told to trust, and the
     * time the witness put in it (seconds since the epoch, signed with the checkpoint).
     *
     * @param witness the witness key's name and key id, {@code <name>+<hex key id>}
     */
    record Cosigned(String witness, long timestamp) {}

    /**
     * Something in the bag that no signature covers (ADR 142): a field of a tag file ({@code label} and
     * its {@code value}), or a whole file ({@code label} and {@code value} empty).
     *
     * @param file the path in the bag: {@code bag-info.txt}, {@code bagit.txt}, a tag file or {@code data/ledger/key}
     */
    record NotSigned(String file, String label, String value) {
        /** Whether this is a whole file rather than one field of one. */
        public boolean wholeFile() {
            return label.isEmpty();
        }
    }
}
