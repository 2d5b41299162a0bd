package dev.tandem.server.regulation;

import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.InvalidScopeException;
import dev.tandem.regulation.Subjects;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Who was affected and which data: the part of the engine's input that belongs to the incident
 * (the company's facts come from configuration). Codes and categories are checked on the way in;
 * the error names the value (ISO 3166 code, category, count).
 *
 * @param subjects affected people by ISO 3166-1 country or ISO 3166-2 subdivision, as {@code --subjects}
 * @param data the data categories involved, as {@code --data}
 * @param encrypted the data were encrypted and the key was not compromised (safe harbours)
 */
public record Scope(Subjects subjects, Set<DataCategory> data, boolean encrypted) {
    private static final Set<String> FIELDS = Set.of("subjects", "data", "encrypted");

    public Scope {
        data = data.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(data));
    }

    /** Checks codes and counts; throws {@link InvalidScopeException} naming the faulty value. */
    public static Scope of(Map<String, Long> subjects, Set<DataCategory> data, boolean encrypted) {
        return new Scope(Subjects.of(subjects), data, encrypted);
    }

    /**
     * Reads {@code {"subjects":{"DE":1200},"data":["CONTACT"],"encrypted":false}}; every error names
     * the field and the value.
     */
    public static Scope fromJson(JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidScopeException("the scope must be a JSON object with subjects, data and encrypted");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidScopeException("unknown field '" + name + "' (known: subjects, data, encrypted)");
            }
        }
        JsonNode s = body.path("subjects");
        if (!s.isObject()) {
            throw new InvalidScopeException(
                    "subjects must be an object of ISO 3166 code to count, e.g. {\"DE\":1200,\"US-CA\":800}");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (var e : s.properties()) {
            JsonNode n = e.getValue();
            if (!n.isIntegralNumber()) {
                throw new InvalidScopeException("subjects." + e.getKey() + ": count " + n + " is not a whole number");
            }
            if (!n.canConvertToLong()) {
                throw new InvalidScopeException(
                        "subjects." + e.getKey() + ": count " + n + " is too large (at most " + Long.MAX_VALUE + ")");
            }
            counts.put(e.getKey(), n.asLong());
        }
        JsonNode d = body.path("data");
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (!d.isMissingNode() && !d.isNull()) {
            if (!d.isArray()) {
                throw new InvalidScopeException("data must be an array of categories, e.g. [\"CONTACT\"]");
            }
            for (JsonNode c : d) {
                if (!c.isString()) {
                    throw new InvalidScopeException("data: " + c + " is not a category name");
                }
                categories.add(DataCategory.parse(c.asString()));
            }
        }
        JsonNode enc = body.path("encrypted");
        boolean encrypted = false;
        if (!enc.isMissingNode() && !enc.isNull()) {
            if (!enc.isBoolean()) {
                throw new InvalidScopeException("encrypted must be true or false, got " + enc);
            }
            encrypted = enc.asBoolean();
        }
        return of(counts, categories, encrypted);
    }

    /** As stored and as the CLI's {@code --subjects} reads it: {@code DE=1200,US-CA=800}. */
    public String subjectsSpec() {
        return subjects.toString();
    }

    /** Sorted category names, as the CLI's {@code --data} reads them. */
    public List<String> dataNames() {
        return data.stream().sorted().map(Enum::name).collect(Collectors.toCollection(ArrayList::new));
    }

    /** Reads the stored form back (already checked when it was stored). */
    static Scope stored(String subjectsSpec, String categories, boolean encrypted) {
        Subjects subjects = subjectsSpec.isEmpty() ? Subjects.of(Map.of()) : Subjects.parse(subjectsSpec);
        Set<DataCategory> data = EnumSet.noneOf(DataCategory.class);
        if (!categories.isEmpty()) {
            for (String c : categories.split(",")) {
                data.add(DataCategory.parse(c));
            }
        }
        return new Scope(subjects, data, encrypted);
    }
}
