package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What people did with an obligation ({@code obligation.status-changed}). Privileged when the filing
 * evidence is FORENSIC (its SHA-256 would otherwise be in the clear) or when it carries a
 * justification LEGAL chose to keep privileged (the default). A FILED change says when its notice
 * was sent ({@code sentAt}: given by the filer, or the recording time); null for the others.
 */
public record ObligationStatusChanged(
        String incident,
        String obligation,
        String rule,
        String jurisdiction,
        String recipient,
        String from,
        String to,
        @Nullable Filing filing,
        @Nullable String justification,
        boolean justificationPrivileged,
        @Nullable Instant sentAt)
        implements Fact {

    /** The evidence an obligation was filed with. */
    public record Filing(String evidence, String sha256, Repository repository) {}

    @Override
    public String type() {
        return "obligation.status-changed";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object()
                .put("obligation", obligation)
                .put("rule", rule)
                .put("jurisdiction", jurisdiction)
                .put("recipient", recipient)
                .put("from", from)
                .put("to", to);
        body.put("evidence", filing == null ? null : filing.evidence());
        body.put("sha256", filing == null ? null : filing.sha256());
        body.put("justification", justification);
        if (sentAt != null) {
            body.put("sentAt", sentAt.toString());
        }
        return body;
    }

    @Override
    public boolean privileged() {
        return (filing != null && filing.repository() == Repository.FORENSIC)
                || (justification != null && justificationPrivileged);
    }
}
