package dev.tandem.server.report;

import dev.tandem.server.access.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Which privileged entries a report's reader may see opened, following docs/access.md: the
 * incident commander and LEGAL open every one; a responder opens those resting only on FORENSIC
 * items LEGAL granted them, the scope unless it rests on FORENSIC evidence, and the obligations
 * computed (which responders read anyway); nobody else opens anything.
 */
public record Reader(boolean opensAll, boolean insider, Caller.Grants grants) {
    /** Opens nothing: the audit-continuity report's reader, whoever asks. */
    public static final Reader NOBODY = new Reader(false, false, Caller.Grants.NONE);

    /** Types a responder reads through the scope and obligations API whatever they rest on. */
    private static final Set<String> INSIDERS_READ = Set.of("scope.updated", "obligations.computed");

    public static Reader of(Caller caller) {
        if (caller.privileged()) {
            return new Reader(true, true, Caller.Grants.NONE);
        }
        boolean responder = caller.has(dev.tandem.server.access.Role.RESPONDER);
        return responder ? new Reader(false, true, caller.grants()) : NOBODY;
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
        List<String> items = evidenceNamedBy(opened);
        return !items.isEmpty() && items.stream().allMatch(grants::covers);
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
