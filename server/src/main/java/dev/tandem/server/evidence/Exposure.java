package dev.tandem.server.evidence;

import dev.tandem.ledger.LedgerEntry;
import dev.tandem.server.ledger.fact.EvidencePulledBack;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What of an AUDIT item had left the vault before counsel pulled it back (docs/contracts.md,
 * "Pulling an item back"): every read of its content ({@code evidence.read}) and every export bag
 * that carried it ({@code incident.exported}), by their ledger entries. Plain Java, drawn from the
 * incident's entries as recorded.
 */
public record Exposure(List<EvidencePulledBack.Read> reads, List<EvidencePulledBack.Export> exports) {

    /** A ledger entry with its index. */
    public record Indexed(long index, LedgerEntry entry) {}

    public Exposure {
        reads = List.copyOf(reads);
        exports = List.copyOf(exports);
    }

    /**
     * The reads and exports of {@code evidence} among {@code entries} (oldest first). A privileged
     * entry (a commitment) is not the read of an AUDIT item: an AUDIT item's reads and exports are
     * always in the clear.
     */
    public static Exposure of(String evidence, List<Indexed> entries) {
        List<EvidencePulledBack.Read> reads = new ArrayList<>();
        List<EvidencePulledBack.Export> exports = new ArrayList<>();
        for (Indexed i : entries) {
            LedgerEntry e = i.entry();
            JsonNode body = e.body();
            if (body.has("commitment")) {
                continue;
            }
            switch (e.type()) {
                case "evidence.read" -> {
                    if (evidence.equals(body.path("evidence").asString(""))) {
                        reads.add(new EvidencePulledBack.Read(i.index(), e.actor(), e.atText()));
                    }
                }
                case "incident.exported" -> {
                    for (JsonNode id : body.path("evidence")) {
                        if (evidence.equals(id.asString(""))) {
                            exports.add(new EvidencePulledBack.Export(
                                    i.index(),
                                    e.actor(),
                                    e.atText(),
                                    body.path("treeSize").asLong()));
                            break;
                        }
                    }
                }
                default -> {}
            }
        }
        return new Exposure(reads, exports);
    }

    /** Whether anything had been exposed. */
    public boolean none() {
        return reads.isEmpty() && exports.isEmpty();
    }
}
