package dev.tandem.regulation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Affected people counted by ISO 3166-1 alpha-2 country ({@code DE}) or ISO 3166-2 subdivision
 * ({@code US-TX}), and {@link #UNKNOWN} ({@code ZZ}) for people of no known country. Codes are checked on the way in; Puerto Rico may be given as {@code PR} or
 * {@code US-PR} and is kept as {@code US-PR}, the code its breach law is filed under.
 */
public final class Subjects {
    /**
     * People whose country is not known (a scan found them with no country column, address or
     * phone number to place them by): ISO 3166-1's user-assigned {@code ZZ}, CLDR's "Unknown
     * Region". No law is evaluated for their country; they count under the laws that follow the
     * company's establishment (GDPR Art. 3(1)) and in the warnings.
     */
    public static final String UNKNOWN = "ZZ";

    /** More people than live on Earth: a count above it is a typing or overflow error. */
    public static final long MAX_COUNT = 10_000_000_000L;

    private final Map<String, Long> counts;

    private Subjects(Map<String, Long> counts) {
        this.counts = Collections.unmodifiableMap(counts);
    }

    public static Subjects of(Map<String, Long> counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((code, n) -> add(m, code, n));
        return new Subjects(m);
    }

    /** Parses {@code DE=1200,US-CA=800}; the error names the faulty item. */
    public static Subjects parse(String spec) {
        Map<String, Long> m = new LinkedHashMap<>();
        if (spec.isBlank()) {
            throw new InvalidScopeException("no affected people given (expected e.g. DE=1200,US-CA=800)");
        }
        for (String item : spec.split(",", -1)) {
            String it = item.strip();
            int eq = it.indexOf('=');
            if (eq <= 0 || eq == it.length() - 1) {
                throw new InvalidScopeException("'" + it + "' is not CODE=COUNT (e.g. DE=1200)");
            }
            String code = it.substring(0, eq).strip();
            String num = it.substring(eq + 1).strip();
            long n;
            try {
                n = Long.parseLong(num);
            } catch (NumberFormatException e) {
                throw new InvalidScopeException(
                        num.matches("[+-]?[0-9]+")
                                ? "count '" + num + "' for " + code + " is too large (at most " + Long.MAX_VALUE + ")"
                                : "count '" + num + "' for " + code + " is not a whole number");
            }
            add(m, code, n);
        }
        return new Subjects(m);
    }

    private static void add(Map<String, Long> m, String rawCode, long n) {
        String code = RegionCodes.normalise(rawCode);
        if (n < 0) {
            throw new InvalidScopeException("count for " + rawCode + " is negative: " + n);
        }
        if (n > MAX_COUNT) {
            throw new InvalidScopeException("count for " + rawCode + " is " + n
                    + ", more people than live on Earth (at most " + MAX_COUNT + ")");
        }
        if (m.containsKey(code)) {
            throw new InvalidScopeException("'" + rawCode + "' is given twice");
        }
        m.put(code, n);
    }

    /** Codes as given (normalised), with their counts. */
    public Map<String, Long> counts() {
        return counts;
    }

    /**
     * People counted under a scope entry: the code itself, its subdivisions when it is a country
     * ({@code US} counts {@code US-TX}), or the member countries of a region.
     */
    public long countIn(String scope, Map<String, java.util.List<String>> regions) {
        var members = regions.get(scope);
        long total = 0;
        for (var e : counts.entrySet()) {
            String code = e.getKey();
            String country = code.length() > 2 ? code.substring(0, 2) : code;
            boolean in = members != null
                    ? members.contains(country)
                    : code.equals(scope) || (scope.length() == 2 && country.equals(scope));
            if (in) {
                total += e.getValue();
            }
        }
        return total;
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        counts.forEach(
                (k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
