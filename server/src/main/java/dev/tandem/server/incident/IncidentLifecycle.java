package dev.tandem.server.incident;

import java.util.Locale;
import java.util.Optional;

/**
 * What the incident commander may do with an incident's lifecycle. The phases follow NIST SP 800-61
 * Rev. 3 (2025), which replaced Rev. 2's four-phase cycle with the CSF 2.0 Functions: incident
 * response proper is Detect, Respond and Recover, and lessons learned feed Improvement (the ID.IM
 * category). An incident opens in DETECT and moves forward one phase at a time, so each phase it
 * went through is on the timeline; it may move back to any earlier phase (new activity found while
 * recovering sends it back to RESPOND). It is closed from RECOVER or IMPROVE; a closed incident
 * refuses every further lifecycle change (people may still add timeline entries to it).
 */
public final class IncidentLifecycle {
    private IncidentLifecycle() {}

    /** NIST SP 800-61 Rev. 3: the CSF 2.0 Functions of incident response, then Improvement. */
    public enum Phase {
        DETECT,
        RESPOND,
        RECOVER,
        IMPROVE;

        public static Optional<Phase> parse(String value) {
            for (Phase p : values()) {
                if (p.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** The outcome of a requested change: allowed, or refused with the reason. */
    public sealed interface Check permits Allowed, Refused {}

    public record Allowed() implements Check {}

    public record Refused(String reason) implements Check {}

    /** Where an incident stands: its phase and whether it is closed. */
    public record State(Phase phase, boolean closed) {}

    public static Check phase(State state, Phase target) {
        if (state.closed()) {
            return closed("its phase");
        }
        if (state.phase() == target) {
            return new Refused("the incident is already in phase " + target);
        }
        if (target.ordinal() > state.phase().ordinal() + 1) {
            Phase next = Phase.values()[state.phase().ordinal() + 1];
            return new Refused("the incident moves forward one phase at a time: from " + state.phase() + " to " + next
                    + ", not " + target);
        }
        return new Allowed();
    }

    /** Declaring containment or setting when the incident occurred: open incidents only. */
    public static Check change(State state, String what) {
        return state.closed() ? closed(what) : new Allowed();
    }

    public static Check close(State state) {
        if (state.closed()) {
            return new Refused("the incident is already closed");
        }
        if (state.phase() != Phase.RECOVER && state.phase() != Phase.IMPROVE) {
            return new Refused("an incident is closed from RECOVER or IMPROVE; it is in " + state.phase());
        }
        return new Allowed();
    }

    private static Refused closed(String what) {
        return new Refused("the incident is closed: " + what + " can no longer change");
    }
}
