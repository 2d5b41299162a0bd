package dev.tandem.server.ledger.fact;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incident's facts that move legal clocks were set ({@code incident.facts-set}, docs/contracts.md
 * §4): when the company determined that a breach occurred (null: not determined) and whether an
 * outsider's unauthorized access caused it, with the values they replace (null the first time).
 * Privileged: these are counsel's determinations, which the auditor may not read (docs/access.md),
 * so the leaf holds only a salted commitment; the export bag and the ledger's entries carry no
 * value. Members who may read the facts read them through the facts endpoint and the obligations
 * page; the timeline opens the entry for LEGAL and the incident commander.
 */
public record IncidentFactsSet(
        String incident,
        @Nullable Instant determinedAt,
        boolean unauthorizedAccess,
        @Nullable Instant previousDeterminedAt,
        @Nullable Boolean previousUnauthorizedAccess)
        implements Fact {
    @Override
    public String type() {
        return "incident.facts-set";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object();
        body.put("determinedAt", determinedAt == null ? null : determinedAt.toString());
        body.put("unauthorizedAccess", unauthorizedAccess);
        body.put("previousDeterminedAt", previousDeterminedAt == null ? null : previousDeterminedAt.toString());
        body.put("previousUnauthorizedAccess", previousUnauthorizedAccess);
        return body;
    }

    @Override
    public boolean privileged() {
        return true;
    }
}
