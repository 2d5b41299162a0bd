package dev.tandem.server.leak;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A finding as recorded by one analysis.
 *
 * @param lines the evidence lines, JSON {@code [{file, line, evidence, sha256}]}
 * @param containment the proposed changes, JSON {@code [{action, target{kind,id}, configItem, description}]}
 * @param items the evidence items it rests on, with the SHA-256 of their content
 * @param privileged true when one of those items is FORENSIC: its ledger entry is a commitment
 */
public record StoredFinding(
        String id,
        String analysisId,
        String incidentId,
        int ordinal,
        String pattern,
        String severity,
        String title,
        String subjectKind,
        String subjectId,
        @Nullable Long records,
        List<String> controls,
        List<String> iso27001,
        String rationale,
        JsonNode lines,
        JsonNode containment,
        List<Item> items,
        boolean privileged,
        long ledgerIndex) {

    /** An evidence item a finding rests on. */
    public record Item(String id, String name, String repository, String sha256) {}
}
