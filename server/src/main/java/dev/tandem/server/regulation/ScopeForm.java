package dev.tandem.server.regulation;

import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.InvalidScopeException;
import dev.tandem.regulation.Subjects;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The scope form of the obligations page as the person typed it: the people per jurisdiction in
 * the CLI's {@code --subjects} syntax ({@code DE=1200,US-CA=300}), the data categories ticked and
 * whether the data were encrypted. {@link #scope()} reads it with the checks of {@code PUT
 * /api/v1/incidents/{id}/scope}; a refusal names the field, and the form keeps what was typed.
 *
 * @param subjects as typed
 * @param data the category names ticked (or posted), as given
 */
public record ScopeForm(String subjects, Set<String> data, boolean encrypted) {
    public ScopeForm {
        data = Set.copyOf(data);
    }

    /** A refused field of the form: {@code subjects} or {@code data}, with the message naming it and the value. */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        Invalid(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** The form as posted: null fields are empty. */
    static ScopeForm posted(@Nullable String subjects, @Nullable List<String> data, boolean encrypted) {
        return new ScopeForm(subjects == null ? "" : subjects, data == null ? Set.of() : Set.copyOf(data), encrypted);
    }

    /** The form prefilled with the scope in force, as the caller reads it. */
    static ScopeForm of(ScopeViews.Shown scope) {
        return new ScopeForm(Subjects.of(scope.subjects()).toString(), Set.copyOf(scope.data()), scope.encrypted());
    }

    /** The form's {@code basedOn}: the ledger index of the scope the page showed; 422 when it is no number. */
    static long basedOn(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new Invalid("basedOn", "basedOn: not a ledger index: " + value);
        }
    }

    /** An empty form, for an incident without a scope yet. */
    static ScopeForm empty() {
        return new ScopeForm("", Set.of(), false);
    }

    /** The categories the form offers: every one the API accepts, in its order. */
    public static List<String> categories() {
        return java.util.Arrays.stream(DataCategory.values()).map(Enum::name).toList();
    }

    /** Whether {@code category} is ticked. */
    public boolean ticked(String category) {
        return data.contains(category);
    }

    /**
     * The scope the form gives.
     *
     * @throws Invalid naming {@code subjects} for an empty field, an item not CODE=COUNT, an unknown
     *     ISO 3166 code, a negative, non-numeric or too large count or a code given twice; naming
     *     {@code data} for an unknown category
     */
    public Scope scope() {
        Subjects people;
        try {
            people = Subjects.parse(subjects);
        } catch (InvalidScopeException e) {
            throw new Invalid("subjects", e.getMessage());
        }
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (String name : data) {
            try {
                categories.add(DataCategory.parse(name));
            } catch (InvalidScopeException e) {
                throw new Invalid("data", e.getMessage());
            }
        }
        return new Scope(people, categories, encrypted);
    }
}
