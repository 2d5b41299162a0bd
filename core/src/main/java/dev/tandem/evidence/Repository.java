package dev.tandem.evidence;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two evidence repositories. FORENSIC items are under legal privilege: the ledger carries only a
 * salted commitment to their metadata. AUDIT items are visible to the external auditor.
 */
public enum Repository {
    FORENSIC,
    AUDIT;

    public static Optional<Repository> parse(String text) {
        return Arrays.stream(values()).filter(r -> r.name().equals(text)).findFirst();
    }
}
