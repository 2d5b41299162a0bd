package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A leak finding was recorded ({@code leak.finding}). {@code restsOn} are the repositories of every
 * input that contributed to it (not only those whose lines survived the evidence cap); privileged
 * when any is FORENSIC, or when nothing tells what it rests on.
 */
public record FindingRecorded(String incident, Set<Repository> restsOn, ObjectNode finding) implements Fact {
    public FindingRecorded {
        restsOn = Set.copyOf(restsOn);
    }

    @Override
    public String type() {
        return "leak.finding";
    }

    @Override
    public ObjectNode body() {
        return finding.deepCopy();
    }

    @Override
    public boolean privileged() {
        return restsOn.isEmpty() || Fact.anyForensic(restsOn);
    }
}
