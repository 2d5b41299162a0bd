package dev.tandem.server.report;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One ledger entry of the incident as a report may use it.
 *
 * @param body the leaf's body: for a privileged entry only its commitment
 * @param commitment a privileged entry's commitment (hex), null for a public entry
 * @param opened a privileged entry's opening, only where the report's reader may see it
 */
public record ReportEntry(
        long index,
        String type,
        String at,
        String actor,
        JsonNode body,
        @Nullable String commitment,
        @Nullable JsonNode opened) {

    public boolean privileged() {
        return commitment != null;
    }

    /** What the reader may know the entry says: the public body, the opening, or null (a commitment only). */
    public @Nullable JsonNode content() {
        return commitment == null ? body : opened;
    }

    /**
     * The same entry with its opening dropped, unless the opening is only the part everyone may know
     * (a privileged execution's change, emergency and retests: {@code Snapshots.publicPartOfExecution}).
     */
    public ReportEntry sealed() {
        boolean publicPart = opened != null
                && type.equals("change.executed")
                && opened.path("withheld").asBoolean();
        return opened == null || publicPart ? this : new ReportEntry(index, type, at, actor, body, commitment, null);
    }
}
