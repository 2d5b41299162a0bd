package dev.tandem.server.regulation;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What people may do with an obligation. PENDING becomes FILED (with filing evidence) or
 * NOT_REQUIRED (with a justification); NOT_REQUIRED may be reopened (PENDING) or filed after all;
 * FILED is final: a notice sent cannot be unsent (a correction is a new notice). A SUPERSEDED
 * obligation is not acted on until a recomputation yields it again.
 */
public final class Lifecycle {
    private Lifecycle() {}

    public enum Status {
        PENDING,
        FILED,
        NOT_REQUIRED
    }

    /** The outcome of a requested change: allowed, or refused with the reason. */
    public sealed interface Check permits Allowed, Refused {}

    public record Allowed() implements Check {}

    public record Refused(String reason) implements Check {}

    /** Parses a requested status; SUPERSEDED is computed, never set. Null when unknown. */
    public static @Nullable Status parse(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        for (Status s : Status.values()) {
            if (s.name().equals(v)) {
                return s;
            }
        }
        return null;
    }

    public static Check check(StoredObligation o, Status target) {
        if (o.placement() == StoredObligation.Placement.SUPERSEDED) {
            return new Refused("obligation " + o.id() + " is SUPERSEDED: the last computation no longer yields it");
        }
        Status from = o.status();
        if (from == target) {
            return new Refused("obligation " + o.id() + " is already " + from);
        }
        if (from == Status.FILED) {
            return new Refused("obligation " + o.id() + " is FILED (evidence " + o.filingEvidence()
                    + "); a filed notice cannot be changed to " + target);
        }
        return new Allowed();
    }
}
