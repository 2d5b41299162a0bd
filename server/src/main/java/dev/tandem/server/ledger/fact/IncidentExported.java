package dev.tandem.server.ledger.fact;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Someone exported the incident's bag ({@code incident.exported}, docs/export.md): the checkpoint it
 * is drawn from, the AUDIT items whose bytes it holds (a read of each, as every read of content is
 * recorded), the older size it proves consistency from, and what the bag holds, so that the bag,
 * which ends with this entry, proves it is complete (docs/contracts.md §5): the incident's entries
 * below {@code treeSize} (their count and the SHA-256 of their indices) and the SHA-256 of each
 * report and the OSCAL document. AUDIT items only: never privileged.
 *
 * @param entriesSha256 {@code ExportBag.entriesSha256} of the indices of the incident's entries below {@code treeSize}
 * @param files path in the bag → SHA-256 (lowercase hex) of the files drawn from the entries
 */
public record IncidentExported(
        String incident,
        long treeSize,
        List<String> evidence,
        @Nullable Long since,
        long entryCount,
        String entriesSha256,
        Map<String, String> files)
        implements Fact {
    @Override
    public String type() {
        return "incident.exported";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("treeSize", treeSize);
        ArrayNode items = body.putArray("evidence");
        evidence.forEach(items::add);
        body.put("since", since);
        body.putObject("entries").put("count", entryCount).put("sha256", entriesSha256);
        ObjectNode hashes = body.putObject("files");
        files.forEach(hashes::put);
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
