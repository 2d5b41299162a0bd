package dev.tandem.pii;

import org.jspecify.annotations.Nullable;

/**
 * One detection. {@code file} names the input as given; inside an archive or a HAR capture it is
 * {@code outer!/inner} and the offsets are into the inner entry or value. Offsets are bytes, end
 * exclusive; {@code line} is 1-based. {@code value} and {@code normalized} are raw personal data:
 * print {@link #masked()} unless the user asked to reveal.
 */
public record Finding(
        String file,
        long start,
        long end,
        long line,
        Entity entity,
        String value,
        String normalized,
        @Nullable String jurisdiction) {

    public String masked() {
        return Masking.mask(entity, value);
    }
}
