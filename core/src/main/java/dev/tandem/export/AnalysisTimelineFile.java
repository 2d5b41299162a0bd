package dev.tandem.export;

import dev.tandem.ledger.LedgerEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The export bag's {@code data/analysis/timeline.jsonl} (docs/contracts.md §5, ADR 115): the leak
 * analyses' timeline entries every member may read, drawn from the bag's own ledger entries. One
 * line per public {@code leak.timeline-entry} entry below the size the bag is drawn from, in ledger
 * order, except those naming an item a {@code evidence.pulled-back} entry of the bag moved to
 * FORENSIC: {@code {"index":I}} followed by the entry's body, fields in the body's order. A
 * privileged entry (one read from FORENSIC evidence) is a commitment in the ledger and has no line.
 * The writer and the verifier both call {@link #lines}, so a bag verifies exactly when its file is
 * what its signed entries say.
 */
public final class AnalysisTimelineFile {
    /** The entry type of one timeline entry. */
    public static final String TYPE = "leak.timeline-entry";

    private AnalysisTimelineFile() {}

    /**
     * The file's lines for the incident's {@code leaves} (index → exact leaf bytes) below {@code size},
     * each without its line feed.
     */
    public static List<String> lines(Map<Long, byte[]> leaves, long size) {
        List<LedgerEntry> below = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        Set<String> pulledBack = new HashSet<>();
        for (Map.Entry<Long, byte[]> l : leaves.entrySet()) {
            if (l.getKey() >= size) {
                continue;
            }
            LedgerEntry e = LedgerEntry.fromLeaf(l.getValue());
            below.add(e);
            indices.add(l.getKey());
            if (BagVerifier.PULLED_BACK.equals(e.type())) {
                pulledBack.add(e.body().path("evidence").asString(""));
            }
        }
        List<String> out = new ArrayList<>();
        for (int n = 0; n < below.size(); n++) {
            LedgerEntry e = below.get(n);
            JsonNode body = e.body();
            if (!TYPE.equals(e.type()) || body.has("commitment") || pullsBack(body, pulledBack)) {
                continue;
            }
            ObjectNode line = ExportBag.JSON.createObjectNode().put("index", indices.get(n));
            body.properties().forEach(p -> line.set(p.getKey(), p.getValue()));
            out.add(ExportBag.JSON.writeValueAsString(line));
        }
        return out;
    }

    private static boolean pullsBack(JsonNode body, Set<String> pulledBack) {
        for (JsonNode item : body.path("evidence")) {
            if (pulledBack.contains(item.path("id").asString(""))) {
                return true;
            }
        }
        return false;
    }

    /** The file's bytes: each line and a line feed, UTF-8. */
    public static byte[] bytes(List<String> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lines.forEach(l -> out.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8)));
        return out.toByteArray();
    }

    /**
     * Why {@code actual} (the file's text) is not what the {@code expected} lines say, naming the first
     * line that differs; empty when it is. Lines are compared as JSON values, so that white space and
     * the order of fields are not held against a file that says the same.
     */
    public static Optional<String> difference(String actual, List<String> expected) {
        List<String> got = new ArrayList<>();
        for (String l : actual.split("\n", -1)) {
            if (!l.isBlank()) {
                got.add(l);
            }
        }
        for (int n = 0; n < Math.max(got.size(), expected.size()); n++) {
            if (n >= got.size()) {
                return Optional.of("it ends after line " + got.size() + ", but the ledger entries hold "
                        + expected.size() + " timeline entries every member may read: the entry of line " + (n + 1)
                        + " is " + index(expected.get(n)) + ", left out");
            }
            if (n >= expected.size()) {
                return Optional.of("line " + (n + 1) + " is one more than the " + expected.size()
                        + " timeline entries the ledger entries hold that every member may read");
            }
            JsonNode line;
            try {
                line = ExportBag.JSON.readTree(got.get(n));
            } catch (JacksonException e) {
                return Optional.of("line " + (n + 1) + " is not JSON");
            }
            JsonNode want = ExportBag.JSON.readTree(expected.get(n));
            if (!line.equals(want)) {
                return Optional.of("line " + (n + 1) + " is not what its ledger entry " + index(expected.get(n))
                        + " records (" + TYPE + "): it was changed after the entry was signed");
            }
        }
        return Optional.empty();
    }

    private static String index(String line) {
        return "#" + ExportBag.JSON.readTree(line).path("index").asLong(-1);
    }
}
