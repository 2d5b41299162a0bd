package dev.tandem.pii.input;

import dev.tandem.pii.Entity;
import dev.tandem.pii.SubjectRecord;
import dev.tandem.pii.scope.Jurisdictions;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The person one structured record (a CSV row, a JSON object) is about: its strongest identifier
 * (e-mail, then SSN, phone, IBAN, card, then the name parts joined in order) and its country and
 * state values.
 */
final class RecordScope {
    private @Nullable String identity;
    private int rank = Integer.MAX_VALUE;
    private final StringBuilder name = new StringBuilder();
    private @Nullable String country;
    private @Nullable String state;

    void reset() {
        identity = null;
        rank = Integer.MAX_VALUE;
        name.setLength(0);
        country = null;
        state = null;
    }

    void found(Entity e, String normalized) {
        int r = switch (e) {
            case EMAIL_ADDRESS -> 1;
            case US_SSN -> 2;
            case PHONE_NUMBER -> 3;
            case IBAN_CODE -> 4;
            case CREDIT_CARD -> 5;
            case PERSON -> {
                if (!name.isEmpty()) name.append(' ');
                name.append(normalized);
                yield Integer.MAX_VALUE;
            }
            default -> Integer.MAX_VALUE;
        };
        if (r < rank) {
            rank = r;
            identity = e.name() + ":" + normalized;
        }
    }

    void country(String v) {
        String c = Jurisdictions.country(v);
        if (c != null) country = c;
    }

    void state(String v) {
        if (!v.isBlank()) state = v;
    }

    boolean hasJurisdiction() {
        return country != null || state != null;
    }

    /** Takes over the jurisdiction of a nested object (Salesforce MailingAddress) when this one has none. */
    void inherit(RecordScope child) {
        if (country == null && state == null) {
            country = child.country;
            state = child.state;
        }
    }

    @Nullable
    String jurisdiction() {
        if (state != null) {
            String sub = Jurisdictions.subdivision(country, state);
            if (sub != null) return sub;
        }
        return country;
    }

    @Nullable
    SubjectRecord finish(String file) {
        String id = identity != null
                ? identity
                : name.isEmpty() ? null : "PERSON:" + name.toString().toLowerCase(Locale.ROOT);
        return id == null ? null : new SubjectRecord(file, id, jurisdiction());
    }
}
