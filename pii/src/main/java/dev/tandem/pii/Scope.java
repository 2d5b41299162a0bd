package dev.tandem.pii;

import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * The scope of a leak as far as the scanned data tells.
 *
 * @param counts findings per entity
 * @param unique distinct normalized values per entity
 * @param people estimated people affected: the largest of the distinct identifying values of one
 *     kind (e-mail, phone, SSN, card, IBAN, name) and the distinct identities of structured records
 * @param jurisdictions people per ISO 3166-1 alpha-2 country or ISO 3166-2 subdivision, where the
 *     data says (phone country code, IBAN country, SSN, country and state columns); a country lists
 *     only the people not already counted under one of its subdivisions
 * @param unplaced people whose jurisdiction the data does not tell ({@code people} minus those placed, at least 0)
 * @param memoryBytes bytes held by the distinct-value tables
 */
public record Scope(
        Map<Entity, Long> counts,
        Map<Entity, Integer> unique,
        long people,
        SortedMap<String, Long> jurisdictions,
        long unplaced,
        long memoryBytes) {

    /** The {@code --subjects} argument of {@code tandem deadlines}: {@code DE=1200,US-CA=800}. */
    public String subjects() {
        return jurisdictions.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
