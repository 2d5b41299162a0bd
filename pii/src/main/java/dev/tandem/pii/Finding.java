package dev.tandem.pii;

import org.jspecify.annotations.Nullable;

/**
 * One detection. {@code file} names the input as given; inside an archive or a HAR capture it is
 * {@code outer!/inner} and the offsets are into the inner entry or value. Offsets are bytes, end
 * exclusive; {@code line} is 1-based. {@code value} and {@code normalized} are raw personal data:
 * print {@link #masked()} unless the user asked to reveal. {@code confidence} (0 to 1) is how sure
 * the scanner is, from how the value validated and its context; {@code doubt} says what lowered
 * it, if anything (docs/pii-scanner.md, "Confidence").
 */
public record Finding(
        String file,
        long start,
        long end,
        long line,
        Entity entity,
        String value,
        String normalized,
        @Nullable String jurisdiction,
        double confidence,
        @Nullable Doubt doubt,
        boolean inRecord) {

    /** A finding with its entity's {@linkplain Confidence#base base confidence}, no doubt, outside any record. */
    public Finding(
            String file,
            long start,
            long end,
            long line,
            Entity entity,
            String value,
            String normalized,
            @Nullable String jurisdiction) {
        this(file, start, end, line, entity, value, normalized, jurisdiction, Confidence.base(entity), null, false);
    }

    public String masked() {
        return Masking.mask(entity, value);
    }
}
