package dev.tandem.pii.input;

import dev.tandem.pii.Entity;
import dev.tandem.pii.FindingView;
import dev.tandem.pii.SubjectRecord;
import dev.tandem.pii.scope.Jurisdictions;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The person one structured record (a CSV row, a JSON object with the objects nested in it) is
 * about: its strongest identifier (e-mail, then SSN, phone, IBAN, card; between two of a kind the
 * less nested, then the first; failing all, the words of its names, each once, in order) and where
 * the person lives: its country and state values, failing those the country its strongest
 * identifier that tells one names (SSN, phone, IBAN). docs/pii-scanner.md, "Scope".
 */
final class RecordScope {
    private final boolean isRecord;
    private @Nullable String identity;
    private int rank = Integer.MAX_VALUE;
    private int identityDepth;
    /** How deep in the record the values scanned now are: objects nested under its keys. */
    private int depth;

    private final StringBuilder name = new StringBuilder();
    private final StringBuilder part = new StringBuilder();
    private @Nullable String country;
    private @Nullable String state;
    /** The country of the strongest identifier that tells one, and that identifier's rank. */
    private @Nullable String identifierCountry;

    private int identifierCountryRank = Integer.MAX_VALUE;
    /** Objects of arrays nested in this record, kept until it ends ({@link #keep}). */
    private final java.util.List<RecordScope> elements = new java.util.ArrayList<>(0);
    /** More objects of arrays than {@link #MAX_ELEMENTS}: a list of people, each its own. */
    private boolean many;

    private static final int MAX_ELEMENTS = 32;

    /** Values under a phone column that are no number of the default region: read again in the record's country. */
    private final java.util.List<PendingPhone> pendingPhones = new java.util.ArrayList<>(2);

    /** A phone column's value, its place in the file, waiting for the record's country. */
    record PendingPhone(long start, long end, long line, String text) {}

    /** A record: a CSV row, a JSON object. */
    RecordScope() {
        this(true);
    }

    private RecordScope(boolean isRecord) {
        this.isRecord = isRecord;
    }

    /** Where values outside any record go (a JSON array of strings): they name no record's person. */
    static RecordScope outside() {
        return new RecordScope(false);
    }

    /** Whether this is a record, whose findings are its person's. */
    boolean isRecord() {
        return isRecord;
    }

    void reset() {
        identity = null;
        rank = Integer.MAX_VALUE;
        identityDepth = 0;
        depth = 0;
        name.setLength(0);
        country = null;
        state = null;
        identifierCountry = null;
        identifierCountryRank = Integer.MAX_VALUE;
        elements.clear();
        many = false;
        pendingPhones.clear();
    }

    /** The values scanned next are in an object nested under one of the record's keys. */
    void enter() {
        depth++;
    }

    /** The nested object ends. */
    void leave() {
        if (depth > 0) depth--;
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
     * {@link #found(Entity, String, String)} of the view's normalized form, made a string only when
     * the record takes it (a name part, or an identifier stronger than the one it has).
     */
    void found(Entity e, FindingView view) {
        if (e == Entity.PERSON) {
            part.setLength(0);
            view.appendNormalized(part);
            addName(part);
            return;
        }
        int r = rank(e);
        if (r == Integer.MAX_VALUE) return;
        place(r, view.jurisdiction());
        if (stronger(r)) take(e, r, view.normalized());
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

    /** Whether an identifier of rank {@code r} found here would name the record's person instead of its identity. */
    private boolean stronger(int r) {
        return r < rank || r == rank && depth < identityDepth;
    }

    private void take(Entity e, int r, String normalized) {
        rank = r;
        identityDepth = depth;
        identity = e.name() + ":" + normalized;
    }

    private void place(int r, @Nullable String jurisdiction) {
        if (jurisdiction != null && r < identifierCountryRank) {
            identifierCountryRank = r;
            identifierCountry = jurisdiction;
        }
    }

    void found(Entity e, String normalized, @Nullable String jurisdiction) {
        if (e == Entity.PERSON) {
            addName(normalized);
            return;
        }
        int r = rank(e);
        if (r == Integer.MAX_VALUE) return;
        place(r, jurisdiction);
        if (stronger(r)) take(e, r, normalized);
    }

    /**
     * Adds the words of a name value that the record's names do not hold yet: a billing and a
     * shipping name of one person, or a full name beside its first and last name, name one person.
     */
    private void addName(CharSequence value) {
        int i = 0;
        int n = value.length();
        while (i < n) {
            while (i < n && value.charAt(i) == ' ') i++;
            int from = i;
            while (i < n && value.charAt(i) != ' ') i++;
            if (i > from && !hasWord(value, from, i)) {
                if (!name.isEmpty()) name.append(' ');
                name.append(value, from, i);
            }
        }
    }

    /** Whether {@link #name} holds {@code value[from, to)} as a word. */
    private boolean hasWord(CharSequence value, int from, int to) {
        int len = to - from;
        int n = name.length();
        for (int w = 0; w < n; ) {
            int end = w;
            while (end < n && name.charAt(end) != ' ') end++;
            if (end - w == len) {
                int k = 0;
                while (k < len && name.charAt(w + k) == value.charAt(from + k)) k++;
                if (k == len) return true;
            }
            w = end + 1;
        }
        return false;
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

    /**
     * Whether an object of an array nested in this record ({@code "addresses":[…]}, {@code
     * "line_items":[…]}) is part of this record's person: this record names a person, and the
     * object names no other by an identifier as strong ({@code "users":[…]} of other e-mails are
     * people of their own, as are the objects of a wrapper that names no one, {@code
     * {"customers":[…]}}).
     */
    boolean owns(RecordScope element) {
        if (identity == null) return false;
        return element.identity == null || element.rank > rank || element.identity.equals(identity);
    }

    /**
     * Keeps an object of an array nested in this record until this record ends and can tell whether
     * it {@link #owns} it; false when this record holds more than a person has (32 addresses or line
     * items): the objects are a list of people, those kept so far to be taken ({@link
     * #takeElements}) and each counted as its own, as the objects after them.
     */
    boolean keep(RecordScope element) {
        if (many) return false;
        if (elements.size() == MAX_ELEMENTS) {
            many = true;
            return false;
        }
        elements.add(element);
        return true;
    }

    /** The objects kept, taken (the list is emptied). */
    java.util.List<RecordScope> takeElements() {
        if (elements.isEmpty()) return java.util.List.of();
        var out = java.util.List.copyOf(elements);
        elements.clear();
        return out;
    }

    /** Takes an object {@link #owns owned}: its jurisdiction when this record has none. */
    void absorb(RecordScope element) {
        inherit(element);
        place(element.identifierCountryRank, element.identifierCountry);
    }

    @Nullable
    String jurisdiction() {
        if (state != null) {
            String sub = Jurisdictions.subdivision(country, state);
            if (sub != null) return sub;
        }
        return country != null ? country : identifierCountry;
    }

    @Nullable
    SubjectRecord finish(String file) {
        String id = identity != null
                ? identity
                : name.isEmpty() ? null : "PERSON:" + name.toString().toLowerCase(Locale.ROOT);
        return id == null ? null : new SubjectRecord(file, id, jurisdiction());
    }
}
