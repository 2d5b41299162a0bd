package dev.tandem.server.report;

import dev.tandem.server.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes an incident's {@link Snapshot}: the latest signed checkpoint first, then the incident's
 * entries below its tree size (the ledger is append-only, so they cannot change after), each
 * privileged one opened only where the {@link Reader} may see it.
 */
@Service
public class Snapshots {
    private final Ledger ledger;
    private final JsonMapper json;

    Snapshots(Ledger ledger, JsonMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    public Snapshot take(String incident, Reader reader) {
        return take(incident, reader, ledger.head().checkpoint());
    }

    /** The snapshot at a given signed checkpoint of this ledger (an export draws everything from one). */
    public Snapshot take(String incident, Reader reader, String signedCheckpoint) {
        ReportCheckpoint checkpoint = ReportCheckpoint.of(signedCheckpoint);
        if (checkpoint.size() > 0) {
            // the note carries no time: the checkpoint's is its last entry's, whichever incident it is of
            for (Ledger.ServedEntry last : ledger.entries(checkpoint.size() - 1, checkpoint.size())) {
                checkpoint = checkpoint.at(
                        json.readValue(last.leaf(), JsonNode.class).path("at").asString(""));
            }
        }
        List<ReportEntry> entries = new ArrayList<>();
        for (Ledger.StoredEntry stored : ledger.entriesOf(incident)) {
            if (stored.index() >= checkpoint.size()) {
                break; // oldest first: the rest came after the checkpoint
            }
            JsonNode entry = json.readValue(stored.leaf(), JsonNode.class);
            JsonNode body = entry.path("body");
            String type = entry.path("type").asString();
            String commitment = body.has("commitment") ? body.path("commitment").asString() : null;
            @Nullable JsonNode opened = null;
            boolean execution = type.equals("change.executed");
            if (commitment != null && (reader != Reader.NOBODY || execution)) {
                Ledger.Opening o = ledger.opening(stored.index());
                if (o != null) {
                    JsonNode candidate = json.readTree(o.body());
                    if (reader != Reader.NOBODY && reader.mayOpen(type, candidate)) {
                        opened = candidate;
                    } else if (execution) {
                        // that and when a change ran is public (the change's own answer says so, and
                        // the audit track needs its retests and exceptions); its notes and differences
                        // are not
                        opened = publicPartOfExecution(candidate);
                    }
                }
            }
            entries.add(new ReportEntry(
                    stored.index(),
                    type,
                    entry.path("at").asString(),
                    entry.path("actor").asString(""),
                    body,
                    commitment,
                    opened));
        }
        return new Snapshot(incident, checkpoint, entries);
    }

    /**
     * A privileged {@code change.executed} as everyone may know it: which change, when, emergency,
     * retests from its approved items, and its CC8.1 exceptions as flags and counts (made before its
     * approval, how many items beyond it), never the snapshots, items, notes or differences.
     */
    static JsonNode publicPartOfExecution(JsonNode full) {
        tools.jackson.databind.node.ObjectNode p = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        p.put("change", full.path("change").asString(""));
        p.put("beforeApproval", full.path("beforeApproval").asBoolean());
        p.put("madeBeforeApproval", madeBeforeApproval(full));
        p.put("unapprovedCount", unapprovedCount(full));
        // the retests the auditor's API shows for it: from the approved items alone (entries written
        // before publicRetests tell only the count from every item touched)
        p.put(
                "retests",
                full.has("publicRetests")
                        ? full.path("publicRetests").asInt()
                        : full.path("retests").asInt());
        // who carried it out is the entry's actor, public: so is whether they approved it too
        if (full.has("executorApproved")) {
            p.set("executorApproved", full.path("executorApproved"));
        }
        p.put("withheld", true);
        return p;
    }

    /**
     * Whether a {@code change.executed} (in full or its public part) was made before its approvals
     * though no emergency: a post-change snapshot received before the approval.
     */
    static boolean madeBeforeApproval(JsonNode execution) {
        return execution.path("madeBeforeApproval").asBoolean()
                || !execution.path("snapshotsBeforeApproval").isEmpty();
    }

    /** How many items a {@code change.executed} (in full or its public part) changed beyond its approval. */
    static int unapprovedCount(JsonNode execution) {
        return Math.max(
                execution.path("unapprovedCount").asInt(),
                execution.path("unapprovedItems").size());
    }
}
