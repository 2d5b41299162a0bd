package dev.tandem.pii;

import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The scope of a leak as far as the scanned data tells.
 *
 * @param counts findings per entity
 * @param unique distinct normalized values per entity
 * @param people estimated people affected: the larger of the distinct persons of structured
 *     records (a record is one person, named by its strongest identifier) and the distinct
 *     identifying values of one kind (e-mail, phone, SSN, card, IBAN) found outside records
 * @param jurisdictions people per ISO 3166-1 alpha-2 country or ISO 3166-2 subdivision, where the
 *     data says (a record's country and state columns, failing those its SSN, phone country code or
 *     IBAN country; outside records the phone, IBAN or SSN); a country lists only the people not
 *     already counted under one of its subdivisions
 * @param unplaced people whose jurisdiction the data does not tell ({@code people} minus those placed, at least 0)
 * @param memoryBytes bytes held by the distinct-value tables
 * @param minConfidence the threshold a finding's confidence had to reach to count
 * @param leftOut findings below the threshold per entity, by why: a {@link Doubt#code()} or
 *     {@link ScopeCounter#BELOW_THRESHOLD}; none of them is in {@code counts} or anything after it
 */
public record Scope(
        Map<Entity, Long> counts,
        Map<Entity, Integer> unique,
        long people,
        SortedMap<String, Long> jurisdictions,
        long unplaced,
        long memoryBytes,
        double minConfidence,
        Map<Entity, Map<String, Long>> leftOut) {

    /** A scope with nothing left out, at the default threshold. */
    public Scope(
            Map<Entity, Long> counts,
            Map<Entity, Integer> unique,
            long people,
            SortedMap<String, Long> jurisdictions,
            long unplaced,
            long memoryBytes) {
        this(
                counts,
                unique,
                people,
                jurisdictions,
                unplaced,
                memoryBytes,
                ScopeCounter.DEFAULT_MIN_CONFIDENCE,
                Map.of());
    }

    /** Findings left out of the scope, all entities and reasons together. */
    public long leftOutTotal() {
        long n = 0;
        for (Map<String, Long> m : leftOut.values()) for (long v : m.values()) n += v;
        return n;
    }

    /** The {@code --subjects} argument of {@code tandem deadlines}: {@code DE=1200,US-CA=800}. */
    public String subjects() {
        return jurisdictions.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
