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
            int timeline) {
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
}
