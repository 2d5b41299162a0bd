package dev.tandem.regulation.notice;

import dev.tandem.regulation.DataCategory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the incident record knows, in the terms of GDPR Art. 33(3). Blank or empty fields are
 * drafted as visible gaps ("[to be completed: ...]") rather than left out.
 *
 * @param nature what happened, how, and to which systems
 * @param subjectCategories kinds of people (customers, employees)
 * @param approxSubjects approximate number of people, null if unknown
 * @param approxRecords approximate number of personal-data records, null if unknown
 * @param delayReason why the notice is later than 72 hours (Art. 33(1)), if it is
 * @param occurredPrecision how precisely {@code occurredFrom} is known: EXACT, MINUTE, HOUR or DAY
 *     (null: exact); the draft states it no more precisely
 */
public record IncidentDescription(
        String controller,
        String nature,
        Instant awareAt,
        @Nullable Instant occurredFrom,
        @Nullable Instant occurredTo,
        ZoneId timeZone,
        List<String> subjectCategories,
        @Nullable Long approxSubjects,
        Set<DataCategory> dataCategories,
        @Nullable Long approxRecords,
        @Nullable ContactPoint contact,
        String likelyConsequences,
        List<String> measuresTaken,
        List<String> measuresProposed,
        @Nullable String delayReason,
        @Nullable String occurredPrecision) {

    public IncidentDescription {
        subjectCategories = List.copyOf(subjectCategories);
        dataCategories = Set.copyOf(dataCategories);
        measuresTaken = List.copyOf(measuresTaken);
        measuresProposed = List.copyOf(measuresProposed);
    }
}
