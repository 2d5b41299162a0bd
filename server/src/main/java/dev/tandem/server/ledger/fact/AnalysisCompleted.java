package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/**
 * A leak analysis completed ({@code analysis.completed}); always public, so its body holds only
 * counts and what the AUDIT inputs contributed (ADR 037, ADR 062): the FORENSIC side goes into
 * {@link AnalysisForensicInputs}.
 */
public record AnalysisCompleted(String incident, ObjectNode summary) implements Fact {
    @Override
    public String type() {
        return "analysis.completed";
    }

    @Override
    public ObjectNode body() {
        return summary.deepCopy();
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
