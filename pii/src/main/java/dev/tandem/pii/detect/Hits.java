package dev.tandem.pii.detect;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

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

    /**
     * The same detection with its value and normalized form as bytes, read as ISO-8859-1 (one char
     * a byte): the value is {@code buf[start, end)}, the normalized form {@code normalized} or, when
     * that is null, {@code norm[normFrom, normTo)}. The bytes stay as they are only until this call
     * returns. By default the strings are made and {@link #hit(Entity, int, int, String, String,
     * String, double, Doubt)} is called with them.
     */
    default void hit(
            Entity entity,
            byte[] buf,
            int start,
            int end,
            @Nullable String normalized,
            byte[] norm,
            int normFrom,
            int normTo,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        hit(
                entity,
                start,
                end,
                new String(buf, start, end - start, ISO_8859_1),
                normalized != null ? normalized : new String(norm, normFrom, normTo - normFrom, ISO_8859_1),
                jurisdiction,
                confidence,
                doubt);
    }
}
