package dev.tandem.ledger;

/** The outcome of checking a proof or a recomputed hash: verified, or tampered with the reason an auditor reads. */
public sealed interface ProofCheck permits ProofCheck.Verified, ProofCheck.Tampered {

    boolean ok();

    record Verified() implements ProofCheck {
        @Override
        public boolean ok() {
            return true;
        }
    }

    record Tampered(String reason) implements ProofCheck {
        @Override
        public boolean ok() {
            return false;
        }
    }
}
