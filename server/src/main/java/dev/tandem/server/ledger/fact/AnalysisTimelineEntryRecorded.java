package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of a leak analysis's timeline was recorded ({@code leak.timeline-entry}, ADR 115): a
 * setup change, login or extraction with the evidence items the line it was read from belongs to.
 * {@code restsOn} are those items' repositories; privileged when any is FORENSIC, or when nothing
 * tells what it rests on, as a finding is.
 */
public record AnalysisTimelineEntryRecorded(String incident, Set<Repository> restsOn, ObjectNode entry)
        implements Fact {
    public AnalysisTimelineEntryRecorded {
        restsOn = Set.copyOf(restsOn);
    }

    @Override
    public String type() {
        return "leak.timeline-entry";
    }

    @Override
    public ObjectNode body() {
        return entry.deepCopy();
    }

    @Override
    public boolean privileged() {
        return restsOn.isEmpty() || Fact.anyForensic(restsOn);
    }
}
