package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incident's obligations were recomputed ({@code obligations.computed}): which were added,
 * changed and superseded, per jurisdiction, with their deadlines. That reveals where affected people
 * are as much as the scope does, so {@code restsOn} are the repositories the scope in force, and the
 * scope it replaced, were derived from; privileged when any is FORENSIC. The deadlines also reveal
 * the clocks' starts: while counsel's incident facts ({@code incident.facts-set}, privileged) move a
 * clock, or the facts a change replaces did, {@code restsOnCounselsFacts} is true and the entry is
 * privileged too (a deadline "30 days after the determination" tells the determination to the day);
 * likewise when a deadline in it, or a previous deadline it quotes, runs from the decision time of a
 * privileged judgement (SEC Form 8-K Item 1.05: four business days after the MATERIAL decision).
 */
public record ObligationsComputed(
        String incident, Set<Repository> restsOn, boolean restsOnCounselsFacts, ObjectNode computation)
        implements Fact {
    public ObligationsComputed {
        restsOn = Set.copyOf(restsOn);
    }

    @Override
    public String type() {
        return "obligations.computed";
    }

    @Override
    public ObjectNode body() {
        return computation.deepCopy();
    }

    @Override
    public boolean privileged() {
        return restsOnCounselsFacts || Fact.anyForensic(restsOn);
    }
}
