package dev.tandem.evidence;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** A blob's address: the lower-case hex SHA-256 of its bytes. */
public record ContentAddress(String sha256) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ContentAddress {
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case hex SHA-256: " + sha256);
        }
    }

    public static ContentAddress of(byte[] digest) {
        return new ContentAddress(HexFormat.of().formatHex(digest));
    }

    public static boolean isValid(String text) {
        return HEX64.matcher(text).matches();
    }

    @Override
    public String toString() {
        return sha256;
    }
}
