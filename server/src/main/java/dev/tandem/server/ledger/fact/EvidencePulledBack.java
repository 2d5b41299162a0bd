package dev.tandem.server.ledger.fact;

import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Counsel pulled an AUDIT item back to FORENSIC ({@code evidence.pulled-back}, docs/contracts.md,
 * "Pulling an item back"): the item, its SHA-256, the reason, and what had been exposed while it was
 * AUDIT (each read of its content and each export bag that carried it, by their entries), so that
 * counsel knows what to claw back. Never privileged: the auditor must learn that the item left the
 * auditor-visible repository (it is the clawback notice), and {@code tandem verify} must see it to
 * accept a bag without the item (ADR 104).
 */
public record EvidencePulledBack(
        String incident, String evidence, String sha256, String reason, List<Read> reads, List<Export> exports)
        implements Fact {

    /** One read of the item's content while it was AUDIT: its {@code evidence.read} entry ({@code at} as the entry's). */
    public record Read(long index, String actor, String at) {}

    /** One export bag that carried the item: its {@code incident.exported} entry. */
    public record Export(long index, String actor, String at, long treeSize) {}

    public EvidencePulledBack {
        reads = List.copyOf(reads);
        exports = List.copyOf(exports);
    }

    @Override
    public String type() {
        return "evidence.pulled-back";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object()
                .put("evidence", evidence)
                .put("sha256", sha256)
                .put("from", "AUDIT")
                .put("to", "FORENSIC")
                .put("reason", reason);
        ArrayNode r = body.putArray("reads");
        for (Read read : reads) {
            r.addObject().put("index", read.index()).put("actor", read.actor()).put("at", read.at());
        }
        ArrayNode x = body.putArray("exports");
        for (Export e : exports) {
            x.addObject()
                    .put("index", e.index())
                    .put("actor", e.actor())
                    .put("at", e.at())
                    .put("treeSize", e.treeSize());
        }
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
