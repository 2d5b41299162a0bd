package dev.tandem.evidence;

import java.util.Arrays;
import java.util.Optional;

/** What an evidence item is (docs/contracts.md §2). */
public enum EvidenceKind {
    FORENSIC_IMAGE,
    LOG,
    CONFIG_SNAPSHOT,
    DATA_EXPORT,
    HTTP_CAPTURE,
    SCREENSHOT,
    DOCUMENT,
    OTHER;

    public static Optional<EvidenceKind> parse(String text) {
        return Arrays.stream(values()).filter(k -> k.name().equals(text)).findFirst();
    }
}
