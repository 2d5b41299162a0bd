package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/**
 * The FORENSIC inputs of a leak analysis, their problems and statistics
 * ({@code analysis.forensic-inputs}); always privileged.
 */
public record AnalysisForensicInputs(String incident, ObjectNode detail) implements Fact {
    @Override
    public String type() {
        return "analysis.forensic-inputs";
    }

    @Override
    public ObjectNode body() {
        return detail.deepCopy();
    }

    @Override
    public boolean privileged() {
        return true;
    }
}
