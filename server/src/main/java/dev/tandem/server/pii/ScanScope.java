package dev.tandem.server.pii;

import dev.tandem.pii.Entity;
import dev.tandem.regulation.DataCategory;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How a scan's result feeds an incident's scope for the regulatory clock. */
final class ScanScope {
    private ScanScope() {}

    /**
     * The data categories the entities found belong to. IP addresses alone name no category the
     * breach laws use; names, addresses and e-mail are contact data.
     */
    static Set<DataCategory> categories(Set<Entity> found) {
        Set<DataCategory> out = EnumSet.noneOf(DataCategory.class);
        for (Entity e : found) {
            switch (e) {
                case EMAIL_ADDRESS, PHONE_NUMBER, PERSON, LOCATION -> out.add(DataCategory.CONTACT);
                case CREDIT_CARD -> out.add(DataCategory.PAYMENT_CARD);
                case IBAN_CODE -> out.add(DataCategory.FINANCIAL_ACCOUNT);
                case US_SSN -> out.add(DataCategory.GOVERNMENT_ID);
                case DATE_OF_BIRTH -> out.add(DataCategory.DATE_OF_BIRTH);
                case IP_ADDRESS -> {}
            }
        }
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
