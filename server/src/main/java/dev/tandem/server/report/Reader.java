package dev.tandem.server.report;

import dev.tandem.server.access.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Which privileged entries a report's reader may see opened, following docs/access.md: the
 * incident commander and LEGAL open every one; a responder opens those naming FORENSIC items
 * LEGAL granted them (and, beside those, AUDIT items, which every member reads), the scope unless
 * it rests on FORENSIC evidence, and the obligations computed (which responders read anyway);
 * nobody else opens anything. So a finding opens in the report exactly when the findings API
 * shows it to the same reader.
 *
 * @param auditItems the ids of the incident's AUDIT evidence: an id not among them is taken as
 *     FORENSIC
 */
public record Reader(boolean opensAll, boolean insider, Caller.Grants grants, Set<String> auditItems) {
    /** Opens nothing: the audit-continuity report's reader, whoever asks. */
    public static final Reader NOBODY = new Reader(false, false, Caller.Grants.NONE, Set.of());

    /** Opens everything: the incident commander and LEGAL. */
    public static final Reader ALL = new Reader(true, true, Caller.Grants.NONE, Set.of());

    public Reader {
        auditItems = Set.copyOf(auditItems);
    }

    /** Types a responder reads through the scope and obligations API whatever they rest on. */
    private static final Set<String> INSIDERS_READ = Set.of("scope.updated", "obligations.computed");

    /** The reader {@code caller} is, for an incident whose AUDIT evidence has the ids {@code auditItems}. */
    public static Reader of(Caller caller, Set<String> auditItems) {
        if (caller.privileged()) {
            return ALL;
        }
        boolean responder = caller.has(dev.tandem.server.access.Role.RESPONDER);
        return responder ? new Reader(false, true, caller.grants(), auditItems) : NOBODY;
    }

    /** May this reader see the opening of a privileged entry of {@code type}? */
    public boolean mayOpen(String type, JsonNode opened) {
        if (opensAll) {
            return true;
        }
        if (!insider) {
            return false;
        }
        if (type.equals("scope.updated")) {
            // responders read a scope unless it rests on FORENSIC evidence (ADR 062); an entry that
            // does not say what it rests on was privileged only for that reason
            JsonNode restsOn = opened.path("restsOn");
            if (!restsOn.isArray()) return false;
            for (JsonNode r : restsOn) if (r.asString("").equals("FORENSIC")) return false;
            return true;
        }
        if (INSIDERS_READ.contains(type)) {
            return true;
        }
        // an entry is privileged because of the FORENSIC items it names: it opens when it names at
        // least one and the grants cover every one of them
        List<String> forensic = evidenceNamedBy(opened).stream()
                .filter(id -> !auditItems.contains(id))
                .toList();
        return !forensic.isEmpty() && forensic.stream().allMatch(grants::covers);
    }

    /**
     * May this reader read every one of these items now (ADR 110, ADR 115)? The incident commander
     * and LEGAL read them all; a responder the AUDIT ones and the FORENSIC ones LEGAL granted;
     * nobody else is a report reader who opens anything.
     */
    public boolean readsAll(List<String> evidence) {
        if (opensAll) {
            return true;
        }
        return insider && evidence.stream().allMatch(id -> auditItems.contains(id) || grants.covers(id));
    }

    /** The evidence ids an entry body names: {@code "evidence":"<id>"} or {@code "evidence":[{"id":…}]}. */
    public static List<String> evidenceNamedBy(JsonNode body) {
        List<String> ids = new ArrayList<>();
        JsonNode e = body.path("evidence");
        if (e.isString()) {
            ids.add(e.asString());
        } else if (e.isArray()) {
            for (JsonNode item : e) {
                if (item.isString()) {
                    ids.add(item.asString());
                } else if (item.path("id").isString()) {
                    ids.add(item.path("id").asString());
                }
            }
        }
        return ids;
    }
}
