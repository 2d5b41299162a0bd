package dev.tandem.pii;

import dev.tandem.pii.scope.DistinctHashes;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts findings, distinct values and people per jurisdiction as a {@link ScanSink}. Each
 * jurisdiction keeps one exact distinct set per source (structured records, phone numbers, IBANs,
 * SSNs) and reports the largest, so one person seen by phone and by record is not counted twice
 * within a jurisdiction. Not thread-safe: scans deliver on one thread; a {@link Part} hashes on a
 * scanning thread and {@link #merge} adds it on the caller's.
 */
public final class ScopeCounter implements ScanSink {
    private enum Source {
        RECORD,
        PHONE,
        IBAN,
        SSN
    }

    private static final Entity[] ENTITIES = Entity.values();
    private static final Source[] SOURCES = Source.values();

    private final long[] counts = new long[ENTITIES.length];
    private final DistinctHashes[] unique = new DistinctHashes[ENTITIES.length];
    private final DistinctHashes records = new DistinctHashes();
    private final Map<String, DistinctHashes[]> byJurisdiction = new HashMap<>();

    @Override
    public void finding(Finding f) {
        count(f.entity(), DistinctHashes.hash(f.normalized()));
        Source s = source(f);
        if (s != null) place(f.jurisdiction(), s, DistinctHashes.hash(placeKey(f)));
    }

    @Override
    public void subject(SubjectRecord r) {
        subject(DistinctHashes.hash(r.identity()), r.jurisdiction());
    }

    private void count(Entity e, long hash) {
        counts[e.ordinal()]++;
        DistinctHashes d = unique[e.ordinal()];
        if (d == null) d = unique[e.ordinal()] = new DistinctHashes();
        d.addHash(hash);
    }

    private void subject(long identity, @Nullable String jurisdiction) {
        records.addHash(identity);
        if (jurisdiction != null) place(jurisdiction, Source.RECORD, identity);
    }

    /** Where a finding places a person, when its entity identifies one and it carries a jurisdiction. */
    private static @Nullable Source source(Finding f) {
        if (f.jurisdiction() == null) return null;
        return switch (f.entity()) {
            case PHONE_NUMBER -> Source.PHONE;
            case IBAN_CODE -> Source.IBAN;
            case US_SSN -> Source.SSN;
            default -> null;
        };
    }

    private static String placeKey(Finding f) {
        return f.entity().name() + ":" + f.normalized();
    }

    private void place(@Nullable String jurisdiction, Source s, long identity) {
        if (jurisdiction == null) return;
        DistinctHashes[] sets = byJurisdiction.computeIfAbsent(jurisdiction, k -> new DistinctHashes[SOURCES.length]);
        DistinctHashes d = sets[s.ordinal()];
        if (d == null) d = sets[s.ordinal()] = new DistinctHashes();
        d.addHash(identity);
    }

    /**
     * Findings and subjects tallied on a scanning thread, where the hashing is done, for
     * {@link #merge} on the caller's thread: the same counts as passing each to this counter.
     */
    public static final class Part implements ScanSink {
        private static final int SUBJECT = -1;
        private int[] ops = new int[256];
        private long[] hashes = new long[256];
        private @Nullable String[] places = new String[256];
        private int n;

        @Override
        public void finding(Finding f) {
            Source s = source(f);
            push(f.entity().ordinal() * 8 + 7, DistinctHashes.hash(f.normalized()), null);
            if (s != null)
                push(f.entity().ordinal() * 8 + s.ordinal(), DistinctHashes.hash(placeKey(f)), f.jurisdiction());
        }

        @Override
        public void subject(SubjectRecord r) {
            push(SUBJECT, DistinctHashes.hash(r.identity()), r.jurisdiction());
        }

        private void push(int op, long hash, @Nullable String place) {
            if (n == ops.length) {
                ops = java.util.Arrays.copyOf(ops, n * 2);
                hashes = java.util.Arrays.copyOf(hashes, n * 2);
                places = java.util.Arrays.copyOf(places, n * 2);
            }
            ops[n] = op;
            hashes[n] = hash;
            places[n] = place;
            n++;
        }
    }

    /** Adds a part's tallies, as if its findings and subjects had come here in order. */
    public void merge(Part p) {
        for (int i = 0; i < p.n; i++) {
            int op = p.ops[i];
            if (op == Part.SUBJECT) {
                subject(p.hashes[i], p.places[i]);
            } else if (p.places[i] == null) {
                count(ENTITIES[op / 8], p.hashes[i]);
            } else {
                place(p.places[i], SOURCES[op % 8], p.hashes[i]);
            }
        }
    }

    public Scope scope() {
        Map<Entity, Integer> uniq = new EnumMap<>(Entity.class);
        long people = records.size();
        long memory = records.memoryBytes();
        Map<Entity, Long> count = new EnumMap<>(Entity.class);
        for (Entity e : ENTITIES) {
            DistinctHashes d = unique[e.ordinal()];
            if (d == null) continue;
            count.put(e, counts[e.ordinal()]);
            uniq.put(e, d.size());
            memory += d.memoryBytes();
            // Name parts are not identities: a first and a last name are two PERSON values of one
            // person, and first names repeat across people. Records and the other identifiers count.
            if (e.identifiesPerson() && e != Entity.PERSON) people = Math.max(people, d.size());
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
        return new Scope(Map.copyOf(count), Map.copyOf(uniq), people, out, Math.max(0, people - placed), memory);
    }
}
