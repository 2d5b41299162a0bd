package dev.tandem.pii;

import dev.tandem.pii.scope.DistinctHashes;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts findings, distinct values and people per jurisdiction as a {@link ScanSink}. Each
 * jurisdiction keeps one exact distinct set per source (structured records, phone numbers, IBANs,
 * SSNs) and reports the largest, so one person seen by phone and by record is not counted twice
 * within a jurisdiction. Only findings whose confidence reaches the threshold count; the others
 * are counted as left out, by entity and by why (their {@link Doubt}, or {@code below-threshold}),
 * so a questionable card never puts payment-card data in scope by itself. Not thread-safe: scans
 * deliver on one thread.
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
    private final Map<Entity, Long> counts = new EnumMap<>(Entity.class);
    private final Map<Entity, Map<String, Long>> leftOut = new EnumMap<>(Entity.class);
    private final Map<Entity, DistinctHashes> unique = new EnumMap<>(Entity.class);
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
            Doubt d = f.doubt();
            leftOut.computeIfAbsent(f.entity(), e -> new TreeMap<>())
                    .merge(d == null ? BELOW_THRESHOLD : d.code(), 1L, Long::sum);
            return;
        }
        counts.merge(f.entity(), 1L, Long::sum);
        unique.computeIfAbsent(f.entity(), e -> new DistinctHashes()).add(f.normalized());
        String j = f.jurisdiction();
        if (j == null) return;
        Source s = switch (f.entity()) {
            case PHONE_NUMBER -> Source.PHONE;
            case IBAN_CODE -> Source.IBAN;
            case US_SSN -> Source.SSN;
            default -> null;
        };
        if (s != null) place(j, s, f.entity().name() + ":" + f.normalized());
    }

    @Override
    public void subject(SubjectRecord r) {
        records.add(r.identity());
        if (r.jurisdiction() != null) place(r.jurisdiction(), Source.RECORD, r.identity());
    }

    private void place(String jurisdiction, Source s, String identity) {
        byJurisdiction.computeIfAbsent(jurisdiction, k -> new DistinctHashes[Source.values().length])[s.ordinal()] =
                set(byJurisdiction.get(jurisdiction), s);
        byJurisdiction.get(jurisdiction)[s.ordinal()].add(identity);
    }

    private static DistinctHashes set(DistinctHashes[] sets, Source s) {
        DistinctHashes d = sets[s.ordinal()];
        return d == null ? new DistinctHashes() : d;
    }

    public Scope scope() {
        Map<Entity, Integer> uniq = new EnumMap<>(Entity.class);
        long people = records.size();
        long memory = records.memoryBytes();
        for (Map.Entry<Entity, DistinctHashes> e : unique.entrySet()) {
            uniq.put(e.getKey(), e.getValue().size());
            memory += e.getValue().memoryBytes();
            // Name parts are not identities: a first and a last name are two PERSON values of one
            // person, and first names repeat across people. Records and the other identifiers count.
            if (e.getKey().identifiesPerson() && e.getKey() != Entity.PERSON)
                people = Math.max(people, e.getValue().size());
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
                Map.copyOf(counts),
                Map.copyOf(uniq),
                people,
                out,
                Math.max(0, people - placed),
                memory,
                minConfidence,
                left);
    }
}
