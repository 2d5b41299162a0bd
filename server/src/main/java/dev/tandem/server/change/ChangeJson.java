package dev.tandem.server.change;

import dev.tandem.change.ChangeKind;
import dev.tandem.change.Risk;
import dev.tandem.server.DomainException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads change-control request bodies: each field of the right JSON type or a 422 naming it.
 * Plain Java, so that every refusal is tested without a server. Its field readers serve other
 * request bodies too (evidence requests).
 */
public final class ChangeJson {
    private ChangeJson() {}

    static Changes.Requested request(JsonNode b) {
        object(b);
        String kind = text(b, "kind");
        String risk = text(b, "risk");
        return new Changes.Requested(
                text(b, "title"),
                text(b, "system"),
                text(b, "description"),
                kind == null ? null : kind(kind),
                risk == null ? null : risk(risk),
                strings(b, "configItems"),
                strings(b, "controls"),
                strings(b, "preSnapshots"),
                text(b, "rollbackPlan"),
                bool(b, "emergency"),
                text(b, "auditorAccess"),
                strings(b, "businessProcesses"),
                text(b, "finding"),
                integer(b, "containment"));
    }

    /** A change's kind by name, or a 422 naming {@code kind} (the API's field and the form's). */
    static ChangeKind kind(String kind) {
        return ChangeKind.parse(kind)
                .orElseThrow(() -> DomainException.unprocessable(
                        "bad-kind",
                        "kind: one of ISOLATION, ACCESS_RESTRICTION, CREDENTIAL_ROTATION, CONFIGURATION, CODE; got "
                                + kind));
    }

    /** A change's risk by name, or a 422 naming {@code risk}. */
    static Risk risk(String risk) {
        return Risk.parse(risk)
                .orElseThrow(
                        () -> DomainException.unprocessable("bad-risk", "risk: one of LOW, MEDIUM, HIGH; got " + risk));
    }

    /** {@code {"decision":"APPROVE|REJECT","comment":…}}: true for an approval. */
    static boolean decision(JsonNode b) {
        object(b);
        String d = text(b, "decision");
        if ("APPROVE".equals(d)) {
            return true;
        }
        if ("REJECT".equals(d)) {
            return false;
        }
        throw DomainException.unprocessable("bad-decision", "decision: APPROVE or REJECT; got " + d);
    }

    public static void object(JsonNode b) {
        if (!b.isObject()) {
            throw DomainException.unprocessable("bad-body", "the body must be a JSON object");
        }
    }

    static String comment(JsonNode b, String field) {
        String c = text(b, field);
        return c == null ? "" : c.strip();
    }

    public static @Nullable String text(JsonNode b, String field) {
        JsonNode v = b.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw DomainException.unprocessable("bad-" + field, field + ": a string is expected");
        }
        return v.asString();
    }

    public static @Nullable List<String> strings(JsonNode b, String field) {
        JsonNode v = b.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw DomainException.unprocessable("bad-" + field, field + ": an array of strings is expected");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw DomainException.unprocessable("bad-" + field, field + ": an array of strings is expected");
            }
            out.add(e.asString());
        }
        return out;
    }

    static boolean bool(JsonNode b, String field) {
        JsonNode v = b.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw DomainException.unprocessable("bad-" + field, field + ": true or false");
        }
        return v.asBoolean();
    }

    static int integer(JsonNode b, String field) {
        JsonNode v = b.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return 0;
        }
        if (!v.isInt()) {
            throw DomainException.unprocessable("bad-" + field, field + ": a whole number");
        }
        return v.asInt();
    }
}
