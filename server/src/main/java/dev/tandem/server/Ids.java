package dev.tandem.server;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers for new records: UUID version 7 (RFC 9562 §5.7), a 48-bit Unix time in milliseconds
 * followed by 74 random bits. Records made close together get neighbouring keys, so inserting them
 * touches the right edge of a B-tree index instead of a random leaf page per row (ADR 054); the
 * random bits keep them unguessable. They parse and print as any UUID.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    static UUID next(long unixMillis) {
        if (unixMillis < 0 || unixMillis >= 1L << 48) {
            throw new IllegalArgumentException("a UUIDv7 time is 48 bits of Unix milliseconds, got " + unixMillis);
        }
        long random = RANDOM.nextLong();
        long msb = unixMillis << 16 | 0x7000L | (random >>> 52);
        long lsb = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
