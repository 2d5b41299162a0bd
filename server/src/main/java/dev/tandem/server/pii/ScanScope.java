package dev.tandem.server.pii;

import dev.tandem.pii.Entity;
import dev.tandem.pii.Scope;
import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.Subjects;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How a scan's result feeds an incident's scope for the regulatory clock. */
final class ScanScope {
    private ScanScope() {}

    /** The data categories the entities found belong to ({@link DataCategory#ofScannerEntities}). */
    static Set<DataCategory> categories(Set<Entity> found) {
        return DataCategory.ofScannerEntities(found.stream().map(Entity::name).toList());
    }

    /**
     * A scan's people per jurisdiction, and those it could not place under {@code ZZ} (no known
     * country, {@link Subjects#UNKNOWN}): dropped, they would leave no law to count them, while the
     * laws that follow the company's establishment (GDPR Art. 3(1)) owe a notice for them too.
     */
    static Map<String, Long> subjects(Scope scan) {
        Map<String, Long> out = new TreeMap<>(scan.jurisdictions());
        if (scan.unplaced() > 0) out.merge(Subjects.UNKNOWN, scan.unplaced(), Long::sum);
        return out;
    }

    /**
     * Merges a scan's people per jurisdiction into the incident's: the larger count per
     * jurisdiction. Different evidence items often hold the same people (an export and the log
     * of its transfer), so adding would overcount; the larger count is a floor that a person can
     * raise by setting the scope by hand.
     */
    static Map<String, Long> merge(Map<String, Long> incident, Map<String, Long> scan) {
        Map<String, Long> out = new TreeMap<>(incident);
        scan.forEach((k, v) -> out.merge(k, v, Math::max));
        return out;
    }
}
