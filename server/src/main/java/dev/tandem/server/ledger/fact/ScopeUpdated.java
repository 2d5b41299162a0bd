package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incident's scope was set ({@code scope.updated}): counts of affected people per jurisdiction
 * and the data categories. {@code restsOn} are the repositories of the evidence the counts were
 * derived from (empty when a person set them). Always privileged: the auditor reads no scope
 * (docs/access.md), and a public entry would show it to them on the timeline and in the export bag;
 * LEGAL and the commander open it, responders and the liaison read the scope through its endpoint
 * unless it rests on FORENSIC evidence (ADR 062).
 */
public record ScopeUpdated(String incident, Set<Repository> restsOn, ObjectNode scope) implements Fact {
    public ScopeUpdated {
        restsOn = Set.copyOf(restsOn);
    }

    @Override
    public String type() {
        return "scope.updated";
    }

    @Override
    public ObjectNode body() {
        ObjectNode b = scope.deepCopy();
        // what the counts were derived from: who may open the entry depends on it (report Reader)
        restsOn.stream().map(Enum::name).sorted().forEach(b.putArray("restsOn")::add);
        return b;
    }

    @Override
    public boolean privileged() {
        return true;
    }
}
