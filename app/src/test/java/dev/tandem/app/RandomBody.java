package dev.tandem.app;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The bytes of an upload, regenerated from a seed whenever needed: the test streams them up, and
 * later compares what the server gives back without ever keeping a body in memory.
 */
record RandomBody(long seed, long size) {

    InputStream open() {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long remaining = size;
            private long word;
            private int wordLeft;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (remaining == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, remaining);
                for (int i = 0; i < n; i++) {
                    if (wordLeft == 0) {
                        word = random.nextLong();
                        wordLeft = 8;
                    }
                    b[off + i] = (byte) word;
                    word >>>= 8;
                    wordLeft--;
                }
                remaining -= n;
                return n;
            }
        };
    }

    String sha256() {
        try (InputStream in = open()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf, 0, buf.length)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code in} holds exactly these bytes; reads both streams to the end. */
    boolean sameAs(InputStream in) throws IOException {
        try (InputStream mine = open()) {
            byte[] a = new byte[1 << 16];
            byte[] b = new byte[1 << 16];
            while (true) {
                int n = mine.readNBytes(a, 0, a.length);
                int m = in.readNBytes(b, 0, n == 0 ? 1 : n);
                if (n != m || !java.util.Arrays.equals(a, 0, n, b, 0, m)) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
            }
        }
    }
}
