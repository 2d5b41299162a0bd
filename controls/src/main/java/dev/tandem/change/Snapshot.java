package dev.tandem.change;

import java.time.Instant;

/**
 * A configuration snapshot a change request names, as the rules need it: the evidence item's id,
 * kind, when the vault received it and whether the person naming it may read it (a privileged
 * item of counsel's may not be; the rules then look at nothing else of it, its kind included).
 */
public record Snapshot(String id, String kind, Instant receivedAt, boolean readable) {
    public static final String CONFIG_SNAPSHOT = "CONFIG_SNAPSHOT";
}
