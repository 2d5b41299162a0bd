package dev.tandem.server.incident;

import java.util.Locale;
import java.util.Optional;

/** What kind of entry a person adds to the timeline (docs/contracts.md §2). */
public enum EntryKind {
    NOTE,
    DECISION,
    /** Something outside the team: a call with the regulator, a customer complaint, the audit firm told. */
    EXTERNAL_EVENT,
    /** Names the entry it corrects; the corrected entry stays as it was. */
    CORRECTION;

    public static Optional<EntryKind> parse(String value) {
        for (EntryKind k : values()) {
            if (k.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
