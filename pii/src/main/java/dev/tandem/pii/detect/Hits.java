package dev.tandem.pii.detect;

import dev.tandem.pii.Doubt;
import dev.tandem.pii.Entity;
import org.jspecify.annotations.Nullable;

/** Receives validated detections, positions relative to the scanned buffer. */
public interface Hits {
    /**
     * @param start first byte of the value in the buffer
     * @param end one past its last byte
     * @param value the value as it appears in the input
     * @param normalized the value as counted for distinct people (lower-cased, digits only, E.164)
     * @param jurisdiction ISO 3166-1 alpha-2 or ISO 3166-2 code the value points to, if any
     * @param confidence 0 to 1, from the validation and the words before the value ({@link dev.tandem.pii.Confidence})
     * @param doubt what lowered the confidence, if anything
     */
    void hit(
            Entity entity,
            int start,
            int end,
            String value,
            String normalized,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt);
}
