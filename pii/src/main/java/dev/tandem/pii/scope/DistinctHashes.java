package dev.tandem.pii.scope;

/**
 * An exact distinct counter for normalized values: each value is reduced to a 64-bit hash kept in
 * a primitive open-addressing table (linear probing, load factor at most 0.75). Memory is 8 bytes
 * per slot, so 10.7 to 21.3 bytes per distinct value depending on where the table is in its
 * doubling cycle: 16 MiB per million values at the typical point. Two distinct values collide with
 * probability 2^-64, so among n values the expected number of merged pairs is n^2 / 2^65
 * (3e-8 for a million values, 3e-4 for a hundred million): exact for any leak one machine scans.
 */
public final class DistinctHashes {
    private long[] slots;
    private int size;
    private boolean hasZero;

    public DistinctHashes() {
        slots = new long[64];
    }

    /** Adds a normalized value; returns whether it was new. */
    public boolean add(CharSequence normalized) {
        return addHash(hash(normalized.toString()));
    }

    public boolean addHash(long h) {
        if (h == 0) {
            if (hasZero) return false;
            hasZero = true;
            size++;
            return true;
        }
        long[] s = slots;
        int mask = s.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (true) {
            long v = s[i];
            if (v == 0) break;
            if (v == h) return false;
            i = (i + 1) & mask;
        }
        s[i] = h;
        size++;
        if (size * 4L > s.length * 3L) grow();
        return true;
    }

    /**
     * Adds {@code hashes[i]} to {@code sets[i]} for each {@code i < n}: the same sets as calling
     * {@link #addHash} in turn. The tables of a large scope are tens of MiB and an insert is a cache
     * miss; here the slots of a run of inserts are read first, in a loop whose loads do not wait on
     * each other, so the misses overlap, and the inserts then find their slots in cache.
     */
    public static void addHashes(DistinctHashes[] sets, long[] hashes, int n) {
        long touched = 0;
        for (int from = 0; from < n; from += AHEAD) {
            int to = Math.min(n, from + AHEAD);
            for (int i = from; i < to; i++) {
                long h = hashes[i];
                long[] s = sets[i].slots;
                touched += s[(int) (h ^ (h >>> 32)) & (s.length - 1)];
            }
            for (int i = from; i < to; i++) sets[i].addHash(hashes[i]);
        }
        sink = touched;
    }

    /** Inserts whose slots are read ahead together: a few more than the misses a core keeps in flight. */
    private static final int AHEAD = 32;

    /** Where {@link #addHashes} leaves what it read ahead, so the reads are not optimized away. */
    @SuppressWarnings("unused")
    private static long sink;

    public int size() {
        return size;
    }

    /** Bytes held by the table. */
    public long memoryBytes() {
        return (long) slots.length * Long.BYTES;
    }

    public void addAll(DistinctHashes other) {
        for (long v : other.slots) if (v != 0) addHash(v);
        if (other.hasZero) addHash(0);
    }

    private void grow() {
        long[] old = slots;
        long[] s = new long[old.length * 2];
        int mask = s.length - 1;
        for (long v : old) {
            if (v == 0) continue;
            int i = (int) (v ^ (v >>> 32)) & mask;
            while (s[i] != 0) i = (i + 1) & mask;
            s[i] = v;
        }
        slots = s;
    }

    /**
     * 64-bit hash of the UTF-16 text: four chars a round (xor, multiply, rotate), then the length
     * and MurmurHash3's fmix64 finalizer. A round is a bijection of the state for each block, and
     * the finalizer a bijection, so two texts of one length that differ in one block never collide.
     */
    public static long hash(String s) {
        int n = s.length();
        long h = SEED;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long k = s.charAt(i)
                    | (long) s.charAt(i + 1) << 16
                    | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48;
            h = round(h, k);
        }
        if (i < n) {
            long k = 0;
            for (int shift = 0; i < n; i++, shift += 16) k |= (long) s.charAt(i) << shift;
            h = round(h, k);
        }
        return finish(h, n);
    }

    /**
     * {@link #hash(String)} of the string {@code b[from, from + n)} read as ISO-8859-1 (each byte the
     * char of its unsigned value, as the candidate scanner reads values), without making the
     * string: the same chars in the same rounds, so the same hash.
     */
    public static long hashLatin1(byte[] b, int from, int n) {
        long h = SEED;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            int p = from + i;
            long k = (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 16 | (b[p + 2] & 0xFFL) << 32 | (b[p + 3] & 0xFFL) << 48;
            h = round(h, k);
        }
        if (i < n) {
            long k = 0;
            for (int shift = 0; i < n; i++, shift += 16) k |= (b[from + i] & 0xFFL) << shift;
            h = round(h, k);
        }
        return finish(h, n);
    }

    private static final long SEED = 0x9E3779B97F4A7C15L;

    private static long round(long h, long k) {
        return Long.rotateLeft((h ^ k) * 0xBF58476D1CE4E5B9L, 31);
    }

    private static long finish(long h, int n) {
        h ^= n;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
