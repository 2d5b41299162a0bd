package dev.tandem.pii;

import dev.tandem.pii.scope.DistinctHashes;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts findings, distinct values and people per jurisdiction as a {@link ScanSink}. A structured
 * record is one person ({@link SubjectRecord}), and the identifiers found in it ({@link
 * Finding#inRecord()}: a second phone, the card) are that person's; identifiers found outside
 * records (text, logs) are each a person. Each jurisdiction keeps one exact distinct set per source
 * (structured records, and phone numbers, IBANs and SSNs outside records) and reports the largest,
 * so one person seen by phone and by record is not counted twice within a jurisdiction. Only findings whose confidence reaches the threshold count; the others
 * are counted as left out, by entity and by why (their {@link Doubt}, or {@code below-threshold}),
 * so a questionable card never puts payment-card data in scope by itself. Not thread-safe: scans
 * deliver on one thread; a {@link Part} hashes on a scanning thread and {@link #merge} adds it on
 * the caller's.
 */
public final class ScopeCounter implements ScanSink {
    private enum Source {
        RECORD,
        PHONE,
        IBAN,
        SSN
    }

    /** The default threshold: lowered findings (a {@link Doubt}) fall below it, validated ones reach it. */
    public static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    /** Why a finding below the threshold was left out when nothing lowered it: the threshold was set above its confidence. */
    public static final String BELOW_THRESHOLD = "below-threshold";

    private final double minConfidence;
    private final long[] counts = new long[Entity.values().length];
    private final Map<Entity, Map<String, Long>> leftOut = new EnumMap<>(Entity.class);
    private final @Nullable DistinctHashes[] unique = new DistinctHashes[Entity.values().length];
    /** Distinct values found outside records, of the entities that identify a person, name parts aside. */
    private final @Nullable DistinctHashes[] outside = new DistinctHashes[Entity.values().length];

    private final DistinctHashes records = new DistinctHashes();
    private final Map<String, DistinctHashes[]> byJurisdiction = new HashMap<>();

    public ScopeCounter() {
        this(DEFAULT_MIN_CONFIDENCE);
    }

    /** @param minConfidence findings with a lower confidence are left out of the scope (0 to 1) */
    public ScopeCounter(double minConfidence) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException("minimum confidence must be between 0 and 1, not " + minConfidence);
        }
        this.minConfidence = minConfidence;
    }

    public double minConfidence() {
        return minConfidence;
    }

    /** Whether a finding counts in the scope. */
    public boolean inScope(Finding f) {
        return f.confidence() >= minConfidence;
    }

    @Override
    public void finding(Finding f) {
        if (!inScope(f)) {
            leftOut(f.entity(), leftOutReason(f.doubt()));
            return;
        }
        long h = DistinctHashes.hash(f.normalized());
        count(f.entity(), h);
        if (f.inRecord() || !countsPeople(f.entity())) return;
        outsideSet(f.entity()).addHash(h);
        Source s = source(f.entity(), f.jurisdiction());
        if (s != null) place(f.jurisdiction(), s, h);
    }

    /**
     * Entities whose distinct values outside records are people: name parts are not identities (a
     * first and a last name are two PERSON values of one person, and first names repeat across
     * people).
     */
    private static boolean countsPeople(Entity e) {
        return e.identifiesPerson() && e != Entity.PERSON;
    }

    private DistinctHashes outsideSet(Entity e) {
        DistinctHashes d = outside[e.ordinal()];
        if (d == null) d = outside[e.ordinal()] = new DistinctHashes();
        return d;
    }

    @Override
    public void subject(SubjectRecord r) {
        subject(DistinctHashes.hash(r.identity()), r.jurisdiction());
    }

    private static String leftOutReason(@Nullable Doubt d) {
        return d == null ? BELOW_THRESHOLD : d.code();
    }

    private void leftOut(Entity e, String why) {
        leftOut.computeIfAbsent(e, k -> new TreeMap<>()).merge(why, 1L, Long::sum);
    }

    private void count(Entity e, long hash) {
        uniqueSet(e).addHash(hash);
    }

    /** The distinct set of {@code e}, counting one more finding of it. */
    private DistinctHashes uniqueSet(Entity e) {
        int i = e.ordinal();
        counts[i]++;
        DistinctHashes d = unique[i];
        if (d == null) d = unique[i] = new DistinctHashes();
        return d;
    }

    private void subject(long identity, @Nullable String jurisdiction) {
        records.addHash(identity);
        if (jurisdiction != null) place(jurisdiction, Source.RECORD, identity);
    }

    /**
     * Where a finding places a person: its entity identifies one and it carries a jurisdiction.
     * Each source is one entity, so a source's set holds the hashes of that entity's normalized
     * values, the same hashes as the entity's distinct count.
     */
    private static @Nullable Source source(Entity e, @Nullable String jurisdiction) {
        if (jurisdiction == null) return null;
        return switch (e) {
            case PHONE_NUMBER -> Source.PHONE;
            case IBAN_CODE -> Source.IBAN;
            case US_SSN -> Source.SSN;
            default -> null;
        };
    }

    private void place(@Nullable String jurisdiction, Source s, long identity) {
        if (jurisdiction != null) placeSet(jurisdiction, s).addHash(identity);
    }

    private DistinctHashes placeSet(String jurisdiction, Source s) {
        DistinctHashes[] sets = byJurisdiction.computeIfAbsent(jurisdiction, k -> new DistinctHashes[SOURCES.length]);
        DistinctHashes d = sets[s.ordinal()];
        if (d == null) d = sets[s.ordinal()] = new DistinctHashes();
        return d;
    }

    private static final Entity[] ENTITIES = Entity.values();
    private static final Source[] SOURCES = Source.values();

    /** A part for one scanning thread, with this counter's threshold. */
    public Part newPart() {
        return new Part(minConfidence);
    }

    /**
     * Findings and subjects tallied on a scanning thread, where the hashing is done, for
     * {@link #merge} on the caller's thread: the same counts as passing each to the counter.
     */
    public static final class Part implements ScanSink {
        private static final int SUBJECT = -1;
        private static final int COUNT = 7;
        private static final int LEFT_OUT = 6;
        private static final int OUTSIDE = 5;
        private final double minConfidence;
        private int[] ops = new int[256];
        private long[] hashes = new long[256];
        private @Nullable String[] texts = new String[256];
        private int n;

        private Part(double minConfidence) {
            this.minConfidence = minConfidence;
        }

        @Override
        public void finding(Finding f) {
            if (f.confidence() < minConfidence) leftOut(f.entity(), f.doubt());
            else inScope(f.entity(), DistinctHashes.hash(f.normalized()), f.jurisdiction(), f.inRecord());
        }

        /** The same tally as {@link #finding} of {@code view.toFinding()}, without the finding or its strings. */
        @Override
        public void found(FindingView view) {
            if (view.confidence() < minConfidence) leftOut(view.entity(), view.doubt());
            else inScope(view.entity(), view.normalizedHash(), view.jurisdiction(), view.inRecord());
        }

        private void leftOut(Entity entity, @Nullable Doubt doubt) {
            push(entity.ordinal() * 8 + LEFT_OUT, 0, leftOutReason(doubt));
        }

        /** A finding in scope whose normalized form hashes to {@code h}. */
        private void inScope(Entity entity, long h, @Nullable String jurisdiction, boolean inRecord) {
            int e = entity.ordinal() * 8;
            push(e + COUNT, h, null);
            if (inRecord || !countsPeople(entity)) return;
            push(e + OUTSIDE, h, null);
            Source s = source(entity, jurisdiction);
            if (s != null) push(e + s.ordinal(), h, jurisdiction);
        }

        @Override
        public void subject(SubjectRecord r) {
            push(SUBJECT, DistinctHashes.hash(r.identity()), r.jurisdiction());
        }

        /** Empty again, keeping its arrays, for another batch of findings once merged. */
        public void clear() {
            java.util.Arrays.fill(texts, 0, n, null);
            n = 0;
        }

        private void push(int op, long hash, @Nullable String text) {
            if (n == ops.length) {
                ops = java.util.Arrays.copyOf(ops, n * 2);
                hashes = java.util.Arrays.copyOf(hashes, n * 2);
                texts = java.util.Arrays.copyOf(texts, n * 2);
            }
            ops[n] = op;
            hashes[n] = hash;
            texts[n] = text;
            n++;
        }
    }

    /** Inserts of a merge, gathered to be made together ({@link DistinctHashes#addHashes}). */
    private DistinctHashes[] pendingSets = new DistinctHashes[512];

    private long[] pendingHashes = new long[512];
    private int pending;

    /** Adds a part's tallies, as if its findings and subjects had come here in order. */
    public void merge(Part p) {
        for (int i = 0; i < p.n; i++) {
            int op = p.ops[i];
            if (op == Part.SUBJECT) {
                later(records, p.hashes[i]);
                String jurisdiction = p.texts[i];
                if (jurisdiction != null) later(placeSet(jurisdiction, Source.RECORD), p.hashes[i]);
            } else if (op % 8 == Part.COUNT) {
                later(uniqueSet(ENTITIES[op / 8]), p.hashes[i]);
            } else if (op % 8 == Part.OUTSIDE) {
                later(outsideSet(ENTITIES[op / 8]), p.hashes[i]);
            } else if (op % 8 == Part.LEFT_OUT) {
                leftOut(ENTITIES[op / 8], java.util.Objects.requireNonNull(p.texts[i]));
            } else {
                String jurisdiction = p.texts[i];
                if (jurisdiction != null) later(placeSet(jurisdiction, SOURCES[op % 8]), p.hashes[i]);
            }
        }
        DistinctHashes.addHashes(pendingSets, pendingHashes, pending);
        java.util.Arrays.fill(pendingSets, 0, pending, null);
        pending = 0;
    }

    private void later(DistinctHashes set, long hash) {
        if (pending == pendingSets.length) {
            pendingSets = java.util.Arrays.copyOf(pendingSets, pending * 2);
            pendingHashes = java.util.Arrays.copyOf(pendingHashes, pending * 2);
        }
        pendingSets[pending] = set;
        pendingHashes[pending] = hash;
        pending++;
    }

    public Scope scope() {
        Map<Entity, Long> count = new EnumMap<>(Entity.class);
        Map<Entity, Integer> uniq = new EnumMap<>(Entity.class);
        long people = records.size();
        long memory = records.memoryBytes();
        for (Entity e : ENTITIES) {
            DistinctHashes d = unique[e.ordinal()];
            if (d == null) continue;
            count.put(e, counts[e.ordinal()]);
            uniq.put(e, d.size());
            memory += d.memoryBytes();
            DistinctHashes o = outside[e.ordinal()];
            if (o != null) {
                memory += o.memoryBytes();
                people = Math.max(people, o.size());
            }
        }
        Map<String, Long> raw = new TreeMap<>();
        for (Map.Entry<String, DistinctHashes[]> e : byJurisdiction.entrySet()) {
            long max = 0;
            for (DistinctHashes d : e.getValue()) {
                if (d != null) {
                    max = Math.max(max, d.size());
                    memory += d.memoryBytes();
                }
            }
            raw.put(e.getKey(), max);
        }
        TreeMap<String, Long> out = new TreeMap<>();
        Map<String, Long> inSubdivisions = new HashMap<>();
        raw.forEach((k, v) -> {
            if (k.length() > 2) inSubdivisions.merge(k.substring(0, 2), v, Long::sum);
        });
        long placed = 0;
        for (Map.Entry<String, Long> e : raw.entrySet()) {
            long v = e.getValue();
            if (e.getKey().length() == 2) v = Math.max(0, v - inSubdivisions.getOrDefault(e.getKey(), 0L));
            if (v > 0) {
                out.put(e.getKey(), v);
                placed += v;
            }
        }
        Map<Entity, Map<String, Long>> left = new EnumMap<>(Entity.class);
        leftOut.forEach((e, m) -> left.put(e, new TreeMap<>(m)));
        return new Scope(
                Map.copyOf(count),
                Map.copyOf(uniq),
                people,
                out,
                Math.max(0, people - placed),
                memory,
                minConfidence,
                left);
    }
}
