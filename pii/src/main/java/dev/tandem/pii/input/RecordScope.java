package dev.tandem.pii.input;

import dev.tandem.pii.Entity;
import dev.tandem.pii.FindingView;
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
    /** Values under a phone column that are no number of the default region: read again in the record's country. */
    private final java.util.List<PendingPhone> pendingPhones = new java.util.ArrayList<>(2);

    /** A phone column's value, its place in the file, waiting for the record's country. */
    record PendingPhone(long start, long end, long line, String text) {}

    void reset() {
        identity = null;
        rank = Integer.MAX_VALUE;
        name.setLength(0);
        country = null;
        state = null;
        pendingPhones.clear();
    }

    void pendingPhone(PendingPhone p) {
        if (pendingPhones.size() < 8) pendingPhones.add(p);
    }

    /** The pending phone values, taken (the list is emptied). */
    java.util.List<PendingPhone> takePendingPhones() {
        if (pendingPhones.isEmpty()) return java.util.List.of();
        var out = java.util.List.copyOf(pendingPhones);
        pendingPhones.clear();
        return out;
    }

    /** The record's country (ISO 3166-1 alpha-2), if a country column or key named one. */
    @Nullable
    String country() {
        return country;
    }

    /**
     * {@link #found(Entity, String)} of the view's normalized form, made a string only when the
     * record takes it (a name part, or an identifier stronger than the one it has).
     */
    void found(Entity e, FindingView view) {
        if (e == Entity.PERSON) {
            if (!name.isEmpty()) name.append(' ');
            view.appendNormalized(name);
        } else if (rank(e) < rank) {
            found(e, view.normalized());
        }
    }

    /** An identifier's strength: the lower, the stronger. */
    private static int rank(Entity e) {
        return switch (e) {
            case EMAIL_ADDRESS -> 1;
            case US_SSN -> 2;
            case PHONE_NUMBER -> 3;
            case IBAN_CODE -> 4;
            case CREDIT_CARD -> 5;
            default -> Integer.MAX_VALUE;
        };
    }

    void found(Entity e, String normalized) {
        if (e == Entity.PERSON) {
            if (!name.isEmpty()) name.append(' ');
            name.append(normalized);
        }
        int r = rank(e);
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
