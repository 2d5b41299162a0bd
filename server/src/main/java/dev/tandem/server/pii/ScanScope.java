package dev.tandem.server.pii;

import dev.tandem.pii.Entity;
import dev.tandem.pii.Scope;
import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.Subjects;
import dev.tandem.server.regulation.Obligations;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

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
     * The ceiling of a scope a scan extends: the scans' people added up per jurisdiction (as if the
     * files held different people), starting from the stored ceiling or, after a person set the
     * scope, from the scope itself; an item already added (by sha256) is not added again.
     */
    static Obligations.Ceiling ceiling(
            Obligations.@Nullable Ceiling stored, Map<String, Long> scope, Map<String, Long> scan, String sha256) {
        Map<String, Long> base = stored == null ? scope : stored.atMost().counts();
        java.util.Set<String> items = new java.util.TreeSet<>(stored == null ? java.util.Set.of() : stored.items());
        Map<String, Long> out = new TreeMap<>(base);
        if (items.add(sha256)) {
            scan.forEach((k, v) -> out.merge(k, v, (a, b) -> Math.min(Subjects.MAX_COUNT, a + b)));
        }
        return new Obligations.Ceiling(Subjects.of(out), items);
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
