package dev.tandem.server.change;

import dev.tandem.server.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The new-change form of the web interface (docs/web.md): its fields as {@link Changes.Requested},
 * the draft the form shows again, and the field each refusal of {@link Changes#request} belongs
 * to, by the refusal's code (docs/contracts.md §3), never by its text. Plain Java.
 *
 * <p>Fields: {@code title}, {@code system}, {@code description}, {@code kind}, {@code risk},
 * {@code configItems} and {@code businessProcesses} (one a line), {@code controls} (separated by
 * commas or spaces), {@code preSnapshots} (repeated), {@code rollbackPlan}, {@code emergency}
 * ({@code on}), {@code auditorAccess}, and from a finding {@code finding} and {@code containment}.
 * An empty field is left out, so that a finding's proposal fills it as the API does.
 */
final class ChangeForm {
    private ChangeForm() {}

    /** The single-valued fields, in the form's order. */
    static final List<String> TEXT_FIELDS = List.of(
            "title",
            "system",
            "description",
            "kind",
            "risk",
            "configItems",
            "controls",
            "rollbackPlan",
            "auditorAccess",
            "businessProcesses",
            "finding",
            "containment");

    /** Refusal codes of a request and the field they name; the rest are the form's as a whole. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("bad-title", "title"),
            Map.entry("bad-system", "system"),
            Map.entry("bad-description", "description"),
            Map.entry("bad-rollback-plan", "rollbackPlan"),
            Map.entry("bad-kind", "kind"),
            Map.entry("bad-risk", "risk"),
            Map.entry("config-items-required", "configItems"),
            Map.entry("too-many-items", "configItems"),
            Map.entry("bad-config-item", "configItems"),
            Map.entry("unknown-control", "controls"),
            Map.entry("pre-snapshot-required", "preSnapshots"),
            Map.entry("unknown-snapshot", "preSnapshots"),
            Map.entry("not-a-config-snapshot", "preSnapshots"),
            Map.entry("snapshot-after-request", "preSnapshots"),
            Map.entry("snapshot-superseded", "preSnapshots"),
            Map.entry("snapshot-before-change", "preSnapshots"),
            Map.entry("pre-snapshot-lacks-item", "preSnapshots"),
            Map.entry("auditor-access-required", "auditorAccess"),
            Map.entry("business-processes-required", "businessProcesses"),
            Map.entry("emergency-by-commander", "emergency"),
            Map.entry("unknown-finding", "finding"),
            Map.entry("unknown-containment", "containment"),
            Map.entry("bad-containment", "containment"),
            // the request as a whole, shown on the form with what was typed kept
            Map.entry("incident-closed", "form"));

    /** The field a refusal's code names, or {@code form} for a refusal of the request as a whole. */
    static String field(String code) {
        return FIELDS.getOrDefault(code, "form");
    }

    /** Whether the refusal is one the form shows beside a field (a 403 of the rules included). */
    static boolean ofTheForm(DomainException e) {
        return e.kind() == DomainException.Kind.UNPROCESSABLE_CONTENT || FIELDS.containsKey(e.code());
    }

    /**
     * The request the form asks for.
     *
     * @param text the single-valued fields by name (absent or blank: left out)
     * @throws DomainException 422 naming {@code kind}, {@code risk} or {@code containment} when unreadable
     */
    static Changes.Requested requested(Map<String, String> text, List<String> preSnapshots, boolean emergency) {
        String kind = value(text, "kind");
        String risk = value(text, "risk");
        int number = containment(value(text, "containment"));
        List<String> snapshots = preSnapshots.stream()
                .filter(s -> !s.isBlank())
                .map(String::strip)
                .toList();
        return new Changes.Requested(
                value(text, "title"),
                value(text, "system"),
                value(text, "description"),
                kind == null ? null : ChangeJson.kind(kind),
                risk == null ? null : ChangeJson.risk(risk),
                lines(value(text, "configItems")),
                words(value(text, "controls")),
                snapshots.isEmpty() ? null : snapshots,
                value(text, "rollbackPlan"),
                emergency,
                value(text, "auditorAccess"),
                lines(value(text, "businessProcesses")),
                value(text, "finding"),
                number);
    }

    /**
     * The {@code containment} field: the index of the finding's proposed containment, 0 when absent.
     *
     * @throws DomainException 422 {@code bad-containment} naming {@code containment} when not a whole number
     */
    static int containment(@Nullable String containment) {
        if (containment == null || containment.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(containment.strip());
        } catch (NumberFormatException e) {
            throw DomainException.unprocessable("bad-containment", "containment: a whole number; got " + containment);
        }
    }

    /**
     * What the form shows: each single-valued field as text, {@code preSnapshots} as the set chosen
     * and {@code emergency} as a flag.
     */
    static Map<String, Object> draft(Map<String, String> text, List<String> preSnapshots, boolean emergency) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (String f : TEXT_FIELDS) {
            String v = text.get(f);
            d.put(f, v == null ? "" : v);
        }
        d.put("preSnapshots", Set.copyOf(preSnapshots));
        d.put("emergency", emergency);
        return d;
    }

    /** The form filled with what a request (a finding's proposal) says. */
    static Map<String, Object> draft(Changes.Requested r) {
        Map<String, String> text = new LinkedHashMap<>();
        text.put("title", orEmpty(r.title()));
        text.put("system", orEmpty(r.system()));
        text.put("description", orEmpty(r.description()));
        text.put("kind", r.kind() == null ? "" : r.kind().name());
        text.put("risk", r.risk() == null ? "" : r.risk().name());
        text.put("configItems", String.join("\n", orEmpty(r.configItems())));
        text.put("controls", String.join(", ", orEmpty(r.controls())));
        text.put("rollbackPlan", orEmpty(r.rollbackPlan()));
        text.put("auditorAccess", orEmpty(r.auditorAccess()));
        text.put("businessProcesses", String.join("\n", orEmpty(r.businessProcesses())));
        text.put("finding", orEmpty(r.finding()));
        text.put("containment", r.finding() == null ? "" : Integer.toString(r.containment()));
        return draft(text, orEmpty(r.preSnapshots()), r.emergency());
    }

    /** One item a line; null when there is none. */
    static @Nullable List<String> lines(@Nullable String s) {
        return split(s, "\\R");
    }

    /** Items separated by commas, semicolons or white space; null when there is none. */
    static @Nullable List<String> words(@Nullable String s) {
        return split(s, "[,;\\s]+");
    }

    private static @Nullable List<String> split(@Nullable String s, String separator) {
        if (s == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : s.split(separator)) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static @Nullable String value(Map<String, String> text, String field) {
        String v = text.get(field);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static List<String> orEmpty(@Nullable List<String> l) {
        return l == null ? List.of() : l;
    }
}
