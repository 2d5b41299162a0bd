package dev.tandem.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A byte-size setting (docs/operations.md, "Start-up"): a whole number of bytes, or a whole number
 * with a unit, {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} (powers of 1024) or {@code KB},
 * {@code MB}, {@code GB}, {@code TB} (powers of 1000, as SI has them), or {@code B}; the unit's case
 * does not matter and a space may stand before it. Spring converts a setting's text with
 * {@link #valueOf(String)}, for {@code @Value} and {@code @ConfigurationProperties} alike.
 */
public final class ByteSize {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");

    /** What a setting that does not parse is told, after its name and value. */
    public static final String EXPECTED = "expected a whole number of bytes, or one with a unit: KiB, MiB, GiB, TiB"
            + " (powers of 1024) or KB, MB, GB, TB (powers of 1000), such as 64GiB";

    private final long bytes;

    private ByteSize(long bytes) {
        this.bytes = bytes;
    }

    public static ByteSize ofBytes(long bytes) {
        if (bytes < 0) throw new IllegalArgumentException("a byte size is not negative, was " + bytes);
        return new ByteSize(bytes);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong and what is expected
     */
    public static ByteSize valueOf(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a byte size; " + EXPECTED);
        }
        long multiplier = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "", "B" -> 1L;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            case "TIB" -> 1L << 40;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit \"" + m.group(2) + "\"; " + EXPECTED);
        };
        try {
            return new ByteSize(Math.multiplyExact(Long.parseLong(m.group(1)), multiplier));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("too large; at most " + Long.MAX_VALUE + " bytes (8 EiB)");
        }
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteSize b && b.bytes == bytes;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes + " bytes";
    }
}
